using System.Globalization;
using System.IO.Compression;
using System.Text;
using GoZero.Engine;

namespace GoZero.Network;

/// <summary>
/// Leela Zero's text weights (Network.cpp 227-387; /shared/leelazero-format.md §1): a version line, then one tensor
/// per line in <see cref="NetworkWeights.PolicyValueTensors"/> order, values separated by spaces, plain or gzip.
/// Filters F are the value count of line 3 (the input convolution's biases), blocks B = (lines − 19) / 8, and the
/// board size N the one whose policy layer has (N² + 1)·2N² weights — Leela Zero itself only reads N = 19, GoZero
/// writes its networks of every size in the same format.
/// Only version 1 (the value head predicts the side to move) is read. Version 2 (ELF: the value predicts Black) is
/// refused: turning it into side-to-move needs a sign flip that depends on the input, which no change of weights
/// expresses; Leela Zero flips its output at run time instead (Network.cpp 787-792).
/// </summary>
public static class LeelaZeroFormat
{
    public const int Version = 1;
    public const int ElfVersion = 2;

    /// <summary>The gzip magic, RFC 1952 §2.3.1. Files are recognised by it, not by their names.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> start) => start.Length >= 2 && start[0] == 0x1F && start[1] == 0x8B;

    /// <summary>The most text a weights file may hold, decompressed: 1 GiB. The largest Leela Zero networks (40×256)
    /// are about 0.6 GB of text; the cap is what stops /dev/zero or a gzip bomb.</summary>
    public const long MaxTextBytes = 1L << 30;

    /// <summary>The most values a file may hold: 64 Mi (256 MB of floats); a 40×256 network has 47 M. Larger networks
    /// travel as GoZero checkpoints, whose sizes are checked against the file before anything is allocated.</summary>
    public const int MaxValues = 64 << 20;

    /// <summary>The most values on one line: the largest tensor any <see cref="NetworkShape"/> has, a 3×3 convolution
    /// of <see cref="NetworkShape.MaxFilters"/> filters (9·1024² = 9.4 M).</summary>
    public const int MaxValuesPerLine = 9 * NetworkShape.MaxFilters * NetworkShape.MaxFilters;

    /// <summary>The most characters of one number: C's longest float text ("-1.17549435e-38") is 15; a token many
    /// times longer is not a number, and is refused before it is kept.</summary>
    public const int MaxNumberChars = 64;

    /// <summary>Lines of the network of <see cref="NetworkShape.MaxBlocks"/> residual blocks, the most a file may have.</summary>
    public const int MaxLines = 19 + 8 * NetworkShape.MaxBlocks;

    /// <summary>Reads a version 1 file, plain or gzip. Every problem, a missing file included, throws
    /// <see cref="NetworkFormatException"/> naming the path and line. What is read is bounded before it is checked
    /// (<see cref="MaxTextBytes"/>, <see cref="MaxValues"/>, <see cref="MaxValuesPerLine"/>,
    /// <see cref="MaxNumberChars"/>, <see cref="MaxLines"/>), and the network is allocated only once every line's count
    /// matches the shape the file describes.</summary>
    public static NetworkWeights Read(string path)
    {
        List<float[]> lines;
        try
        {
            using var file = InputFile.OpenRead(path, bufferSize: 1 << 16);
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            if (!file.CanSeek) throw new NetworkFormatException(path, null, "not a regular file: a network is read from a file, not a pipe");
            file.Seek(0, SeekOrigin.Begin);
            bool gzip = IsGzip(magic[..got]);
            NetworkFormatException TooLong(long limit) =>
                new(path, null, $"the text is longer than {limit >> 30} GiB{(gzip ? " decompressed" : "")}, the most GoZero reads of a weights file");
            Stream content = gzip ? new CheckedGzipStream(file) : file;
            using var bounded = new BoundedStream(content, MaxTextBytes, TooLong);
            long claimed = content is CheckedGzipStream checkedGzip ? checkedGzip.ExpectedLength : file.Length;
            if (claimed > MaxTextBytes) throw TooLong(MaxTextBytes);
            using var reader = new StreamReader(bounded, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            lines = ReadLines(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            string reason = e switch
            {
                InvalidDataException when e.Message.StartsWith("gzip", StringComparison.Ordinal) => e.Message,
                InvalidDataException => $"gzip data is corrupt: {e.Message}",
                _ => InputFile.ReasonOf(e),
            };
            throw new NetworkFormatException(path, null, reason, e);
        }
        return Assemble(lines, path);
    }

    /// <summary>The version line, then every tensor as parsed floats; numbers and the caps are checked, counts are
    /// not yet. The text is read a block at a time, never a line at a time: a line of 100 MB must cost its values, not
    /// a string of it.</summary>
    private static List<float[]> ReadLines(TextReader reader, string path)
    {
        var lines = new List<float[]>();
        var values = new List<float>();
        var version = new StringBuilder();
        var buffer = new char[1 << 16];
        Span<char> token = stackalloc char[MaxNumberChars];
        int tokenLength = 0, number = 1;
        bool lineHasText = false;
        long total = 0;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (char c in buffer.AsSpan(0, read))
            {
                if (number == 1)
                {
                    if (c == '\n')
                    {
                        CheckVersion(version.ToString(), path);
                        number++;
                    }
                    else if (version.Length <= MaxNumberChars)
                    {
                        version.Append(c);
                    }
                    else if (!IsSeparator(c))
                    {
                        // Past the cap only blanks may follow a version, and need not be kept.
                        throw new NetworkFormatException(path, 1,
                            $"the weights format version is '{Abbreviate(version.Append(c).ToString().Trim())}': not a Leela Zero weights file of version 1");
                    }
                    continue;
                }
                if (c == '\n')
                {
                    EndNumber(token);
                    EndLine();
                }
                else if (IsSeparator(c))
                {
                    lineHasText = true;
                    EndNumber(token);
                }
                else
                {
                    lineHasText = true;
                    if (tokenLength == MaxNumberChars)
                        throw new NetworkFormatException(path, number,
                            $"value {values.Count + 1} '{Abbreviate(token.ToString())}' is longer than {MaxNumberChars} characters: not a number");
                    token[tokenLength++] = c;
                }
            }
        }
        if (number == 1)
        {
            if (version.Length == 0) throw new NetworkFormatException(path, 1, "the file is empty");
            CheckVersion(version.ToString(), path);
            return lines;
        }
        // A last line without its newline counts; the newline after the last line is fine.
        EndNumber(token);
        if (lineHasText) EndLine();
        return lines;

        void EndNumber(ReadOnlySpan<char> text)
        {
            if (tokenLength == 0) return;
            var digits = text[..tokenLength];
            tokenLength = 0;
            if (!float.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                throw new NetworkFormatException(path, number, $"value {values.Count + 1} '{Abbreviate(digits.ToString())}' is not a finite number");
            if (values.Count == MaxValuesPerLine)
                throw new NetworkFormatException(path, number,
                    $"the line holds more than {MaxValuesPerLine} values, more than the largest tensor of any network");
            if (++total > MaxValues)
                throw new NetworkFormatException(path, number,
                    $"the file holds more than {MaxValues} values, the most GoZero reads of Leela Zero text (a 40×256 network has 47 M)");
            values.Add(value);
        }

        void EndLine()
        {
            if (values.Count == 0) throw new NetworkFormatException(path, number, "the line is empty");
            if (lines.Count == MaxLines - 1)
                throw new NetworkFormatException(path, number, $"the file has more than {MaxLines} lines, more than a network of {NetworkShape.MaxBlocks} blocks");
            lines.Add(values.ToArray());
            values.Clear();
            number++;
            lineHasText = false;
        }
    }

    private static void CheckVersion(string line, string path)
    {
        string version = line.Trim();
        if (version == ElfVersion.ToString(CultureInfo.InvariantCulture))
            throw new NetworkFormatException(path, 1,
                "version 2 (ELF, the value head predicts Black) is not supported: only version 1 (side to move)");
        if (version != Version.ToString(CultureInfo.InvariantCulture))
            throw new NetworkFormatException(path, 1,
                $"the weights format version is '{Abbreviate(version)}': not a Leela Zero weights file of version 1");
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\r' or '\f' or '\v';

    /// <summary>At most 40 characters of what was found, control characters (a binary file's) shown as '?'.</summary>
    private static string Abbreviate(string text)
    {
        var shown = new string(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length <= 40 ? shown : shown + "…";
    }

    /// <summary>Infers the shape, checks every line's count against it and copies the values in.</summary>
    private static NetworkWeights Assemble(List<float[]> lines, string path)
    {
        // lines[i] is file line i + 2.
        const int fixedLines = 18;
        int total = lines.Count + 1;
        if (lines.Count < fixedLines || (lines.Count - fixedLines) % 8 != 0)
            throw new NetworkFormatException(path, total,
                $"the file ends after {total} lines; a network has 19 + 8·blocks (the input convolution on lines 2-5, " +
                "8 lines per residual block, then 14 lines of policy and value heads)");
        int blocks = (lines.Count - fixedLines) / 8;
        int filters = lines[1].Length;
        int policyLine = 4 + 8 * blocks + 4; // index of the policy layer's weights
        int board = BoardSizeOfPolicyWeights(lines[policyLine].Length)
            ?? throw new NetworkFormatException(path, policyLine + 2,
                $"the policy layer has {lines[policyLine].Length} weights, (N²+1)·2N² for no board size N from " +
                $"{Engine.BoardGeometry.MinSize} to {Engine.BoardGeometry.MaxSize}");
        NetworkShape shape;
        try
        {
            shape = new NetworkShape(board, blocks, filters).Validated();
        }
        catch (ArgumentException e)
        {
            throw new NetworkFormatException(path, 3, $"no network has this shape: {e.Message}", e);
        }

        // Every count before the network is allocated: line 3 alone can claim 1024 filters.
        int index = 0;
        foreach (var (length, name) in NetworkWeights.TensorLengths(shape).Zip(TensorNames(shape)))
        {
            if (lines[index].Length != length)
                throw new NetworkFormatException(path, index + 2, $"{name} has {lines[index].Length} values; a {shape} network has {length}");
            index++;
        }
        var weights = new NetworkWeights(shape);
        foreach (var (tensor, values) in weights.PolicyValueTensors.Zip(lines)) values.CopyTo(tensor, 0);
        return weights;
    }

    private static int? BoardSizeOfPolicyWeights(long count)
    {
        for (int n = Engine.BoardGeometry.MinSize; n <= Engine.BoardGeometry.MaxSize; n++)
        {
            long area = (long)n * n;
            if ((area + 1) * 2 * area == count) return n;
        }
        return null;
    }

    /// <summary>What each tensor is, in <see cref="NetworkWeights.PolicyValueTensors"/> order, for error messages.</summary>
    public static IEnumerable<string> TensorNames(NetworkShape shape)
    {
        string[] convolution = ["weights", "biases", "batch norm means", "batch norm variances"];
        foreach (var part in convolution) yield return $"the input convolution's {part}";
        for (int b = 1; b <= shape.Blocks; b++)
            foreach (var which in new[] { "first", "second" })
                foreach (var part in convolution) yield return $"residual block {b}'s {which} convolution's {part}";
        foreach (var part in convolution) yield return $"the policy convolution's {part}";
        yield return "the policy layer's weights";
        yield return "the policy layer's biases";
        foreach (var part in convolution) yield return $"the value convolution's {part}";
        yield return "the value hidden layer's weights";
        yield return "the value hidden layer's biases";
        yield return "the value output's weights";
        yield return "the value output's bias";
    }

    /// <summary>
    /// Writes version 1 text, gzip when <paramref name="gzip"/> says so or, by default, when the path ends in ".gz".
    /// Values are written in their shortest form that reads back as the same float, so a file read and written again
    /// has every value equal. The write is atomic (<see cref="AtomicFile"/>): a failure leaves any old file intact.
    /// </summary>
    public static void Write(NetworkWeights weights, string path, bool? gzip = null)
    {
        bool compress = gzip ?? path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, stream =>
        {
            using var gzipStream = compress ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true) : null;
            using var writer = new StreamWriter(gzipStream ?? stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            Write(weights, writer);
        });
    }

    /// <summary>Writes version 1 text. Throws <see cref="ArgumentException"/> at a value that is not finite, which
    /// Leela Zero cannot read. The text holds the policy-value network only: a network's ownership and score heads
    /// (<see cref="NetworkShape.AuxiliaryHeads"/>) have no place in it and are left out. A tower with global pooling
    /// (<see cref="NetworkShape.GlobalPooling"/>) has none either, and cannot be left out: it throws <see
    /// cref="ArgumentException"/>.</summary>
    public static void Write(NetworkWeights weights, TextWriter writer)
    {
        if (weights.Shape.GlobalPooling)
            throw new ArgumentException($"a {weights.Shape} network cannot be written as Leela Zero text: its residual blocks pool globally, which Leela Zero's network does not (save it as a GoZero checkpoint)");
        writer.Write(Version.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
        Span<char> buffer = stackalloc char[32];
        foreach (var tensor in weights.PolicyValueTensors)
        {
            for (int i = 0; i < tensor.Length; i++)
            {
                float value = tensor[i];
                if (!float.IsFinite(value)) throw new ArgumentException($"weight {value} cannot be written: Leela Zero reads finite numbers only");
                // "R" is the shortest text that parses back to the same float; C's lower-case exponent as Leela Zero's own files have.
                value.TryFormat(buffer, out int length, "R", CultureInfo.InvariantCulture);
                for (int c = 0; c < length; c++) if (buffer[c] == 'E') buffer[c] = 'e';
                if (i > 0) writer.Write(' ');
                writer.Write(buffer[..length]);
            }
            writer.Write('\n');
        }
    }
}
