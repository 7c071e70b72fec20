using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoZero.Network.Training;

namespace GoZero.Network.Tests;

/// <summary>What the network and training-data readers do with paths that name no file and with files that claim or
/// hold more than any network: a message naming the file and the limit, and memory bounded before the check.</summary>
public sealed class ReaderLimitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-reader-limits-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    /// <summary>Bytes this thread allocates while <paramref name="action"/> runs (it is expected to throw).</summary>
    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            action();
        }
        catch (NetworkFormatException)
        {
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void ACheckpointWhoseHeaderClaimsALargeNetworkIsRefusedBeforeItIsAllocated()
    {
        // A well-formed header of a 19×19 40×256 network (47 M parameters) with a good SHA-256, and no weights.
        var shape = new NetworkShape(19, 40, 256);
        var content = new MemoryStream();
        var writer = new BinaryWriter(content);
        writer.Write(Checkpoint.Magic);
        writer.Write(1u); // version 1: no features field
        writer.Write(shape.BoardSize);
        writer.Write(shape.Blocks);
        writer.Write(shape.Filters);
        writer.Write(NetworkWeights.ParameterCount(shape));
        writer.Write(0); // generation
        writer.Write(0L); // steps
        writer.Write(0L); // games
        writer.Write(DateTime.UnixEpoch.Ticks);
        for (int i = 0; i < 3; i++) writer.Write(0u); // three empty strings
        writer.Write(0u); // no optimizer tensors
        writer.Flush();
        byte[] bytes = [.. content.ToArray(), .. SHA256.HashData(content.ToArray())];
        string path = PathIn("claims-40x256.gznet");
        File.WriteAllBytes(path, bytes);

        CheckpointFormatException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path)));

        Assert.Contains("more than the file's", error!.Message);
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated for a {bytes.Length}-byte file");
    }

    [Fact]
    public void LeelaZeroTextClaimingManyFiltersIsRefusedBeforeTheNetworkIsAllocated()
    {
        // 19 + 8·40 lines: line 3 gives 256 filters and the policy line is 19×19's, every other line one value.
        var lines = new List<string> { "1" };
        for (int i = 0; i < 18 + 8 * 40; i++) lines.Add("0");
        lines[2] = string.Join(' ', Enumerable.Repeat("0", 256));
        lines[1 + 4 + 8 * 40 + 4] = string.Join(' ', Enumerable.Repeat("0", 362 * 722));
        string path = PathIn("claims-40x256.txt");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        NetworkFormatException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path)));

        Assert.Equal(2, error!.Line);
        Assert.Contains("the input convolution's weights has 1 values", error.Message);
        Assert.True(allocated < 64 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void AGzipBombOfOneLongNumberFailsAtTheNumberNotAtTheEndOfTheLine()
    {
        string path = PathIn("bomb.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write("1\n"u8);
            gzip.Write(Enumerable.Repeat((byte)'0', 8 << 20).ToArray());
            gzip.Write("\n"u8);
        }

        NetworkFormatException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path)));

        Assert.Equal(2, error!.Line);
        Assert.Contains($"longer than {LeelaZeroFormat.MaxNumberChars} characters", error.Message);
        Assert.True(allocated < 4 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void AGzipFileWhoseTrailerClaimsMoreThanTheCapIsRefusedBeforeDecompressing()
    {
        string path = PathIn("claims-2GiB.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gzip.Write("1\n"u8);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), 2u << 30); // ISIZE: 2 GiB
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path));

        Assert.Equal($"{path}: the text is longer than 1 GiB decompressed, the most GoZero reads of a weights file", error.Message);
    }

    [Fact]
    public void TextWithMoreLinesThanAnyNetworkIsRefusedAtTheFirstLineTooMany()
    {
        string path = PathIn("long.txt");
        File.WriteAllText(path, "1\n" + string.Concat(Enumerable.Repeat("0\n", LeelaZeroFormat.MaxLines + 100)));

        var error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path));

        Assert.Equal(LeelaZeroFormat.MaxLines + 1, error.Line);
        Assert.Contains($"more than {LeelaZeroFormat.MaxLines} lines", error.Message);
    }

    [Fact]
    public void AVersionLineLongerThanANumberIsRefusedWithoutReadingOn()
    {
        // /dev/zero's first "line" never ends; a file of NUL bytes stands in for it.
        string path = PathIn("zeros.txt");
        File.WriteAllBytes(path, new byte[4 << 20]);

        NetworkFormatException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path)));

        Assert.Equal(1, error!.Line);
        Assert.Contains("not a Leela Zero weights file", error.Message);
        Assert.True(allocated < 2 << 20, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData(100, "", true)]
    [InlineData(100, "x", false)]
    [InlineData(10, "x", false)]
    public void AVersionLineMayEndInAnyNumberOfBlanksButNothingElse(int blanks, string after, bool valid)
    {
        var writer = new StringWriter();
        LeelaZeroFormat.Write(NetworkWeights.Random(new NetworkShape(2, 0, 1), seed: 1), writer);
        string text = writer.ToString();
        string path = PathIn("version.txt");
        File.WriteAllText(path, "1" + new string(' ', blanks) + after + text[1..]);

        if (valid)
            Assert.Equal(new NetworkShape(2, 0, 1), LeelaZeroFormat.Read(path).Shape);
        else
            Assert.Contains("the weights format version is '1", Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path)).Message);
    }

    [Theory]
    [InlineData("checkpoint")]
    [InlineData("leelazero")]
    [InlineData("any")]
    [InlineData("chunk")]
    public void AFolderIsCalledAFolder(string reader)
    {
        Exception error = reader switch
        {
            "checkpoint" => Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(folder)),
            "leelazero" => Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(folder)),
            "any" => Assert.Throws<NetworkFormatException>(() => NetworkFile.Load(folder)),
            _ => Assert.Throws<TrainingDataFormatException>(() => TrainingChunkReader.Open(folder)),
        };

        Assert.Equal($"{folder}: a folder, not a file", error.Message);
    }

    [Fact]
    public void AnEmptyPathIsAFormatErrorNotAnArgumentException()
    {
        var error = Assert.Throws<NetworkFormatException>(() => NetworkFile.Load(""));

        Assert.Equal("no file named: the path is empty", error.Message);
    }
}
