using System.Security.Cryptography;
using GoZero.Engine;

namespace GoZero.Network;

/// <summary>The kinds of file a network is read from.</summary>
public enum NetworkFileFormat
{
    Checkpoint,
    LeelaZero,
    LeelaZeroGzip,
}

/// <summary>
/// A network read from a file of either kind, recognised by its first bytes rather than its name: a GoZero
/// <see cref="Network.Checkpoint"/> (which brings metadata and optimizer state) or Leela Zero text, plain or gzip.
/// </summary>
/// <param name="Sha256">The SHA-256 of the file's bytes, as sha256sum prints it: what a child's metadata names its parent by.</param>
public sealed record NetworkFile(string Path, NetworkFileFormat Format, NetworkWeights Weights, Checkpoint? Checkpoint, string Sha256)
{
    /// <summary>Reads either kind. Every problem throws <see cref="NetworkFormatException"/> naming the path.</summary>
    public static NetworkFile Load(string path, NetworkShape? expectedShape = null)
    {
        var format = Sniff(path);
        if (format == NetworkFileFormat.Checkpoint)
        {
            var checkpoint = Checkpoint.Load(path, expectedShape);
            return new NetworkFile(path, format, checkpoint.Weights, checkpoint, HashOf(path));
        }
        var weights = LeelaZeroFormat.Read(path);
        if (expectedShape is not null && weights.Shape != expectedShape)
            throw new NetworkFormatException(path, null, $"it holds a {weights.Shape} network, not the {expectedShape} one expected");
        return new NetworkFile(path, format, weights, null, HashOf(path));
    }

    /// <summary>Whether a path names Leela Zero text by the convention GoZero writes with: ".txt" or ".txt.gz".</summary>
    public static bool IsLeelaZeroName(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".txt.gz", StringComparison.OrdinalIgnoreCase);

    private static NetworkFileFormat Sniff(string path)
    {
        Span<byte> start = stackalloc byte[8];
        int got;
        try
        {
            using var file = InputFile.OpenRead(path);
            // Read twice (the kind, then the content) and hashed a third time: a pipe cannot be.
            if (!file.CanSeek) throw new NetworkFormatException(path, null, "not a regular file: a network is read from a file, not a pipe");
            got = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetworkFormatException(path, null, InputFile.ReasonOf(e), e);
        }
        var bytes = start[..got];
        if (got >= 5 && bytes.StartsWith("GZNET"u8)) return NetworkFileFormat.Checkpoint;
        return LeelaZeroFormat.IsGzip(bytes) ? NetworkFileFormat.LeelaZeroGzip : NetworkFileFormat.LeelaZero;
    }

    private static string HashOf(string path)
    {
        try
        {
            using var file = InputFile.OpenRead(path, bufferSize: 1 << 16);
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetworkFormatException(path, null, InputFile.ReasonOf(e), e);
        }
    }
}
