namespace GoZero.Engine;

/// <summary>A file the user named that cannot be opened for reading: no name, a folder, missing, not permitted. The
/// message is "PATH: REASON"; readers with a format exception of their own wrap <see cref="Reason"/> in it.</summary>
public sealed class InputFileException(string path, string reason, Exception? inner = null)
    : IOException(path.Length == 0 ? reason : $"{path}: {reason}", inner)
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
