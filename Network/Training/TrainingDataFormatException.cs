namespace GoZero.Network.Training;

/// <summary>A training chunk that cannot be read: missing, truncated, corrupted (its SHA-256 disagrees), of another
/// format, version or board size, or holding a sample that is not one. The message names the file, the byte offset
/// where there is one, and the problem; a training run skips the chunk and goes on.</summary>
public sealed class TrainingDataFormatException : Exception
{
    public string Path { get; }

    /// <summary>The byte of the file the problem is at, when it is at one place. A problem inside the compressed
    /// payload names the sample in <see cref="Reason"/> instead.</summary>
    public long? Offset { get; }

    public string Reason { get; }

    public TrainingDataFormatException(string path, string reason, long? offset = null, Exception? inner = null)
        : base(offset is long at ? $"{path}: at byte {at}: {reason}" : $"{path}: {reason}", inner)
    {
        Path = path;
        Offset = offset;
        Reason = reason;
    }
}
