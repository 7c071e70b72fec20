namespace GoZero.Engine;

/// <summary>
/// Opens a file a user named, for reading, and says in words why it cannot be: .NET's own messages ("The value cannot
/// be an empty string. (Parameter 'path')", "Access to the path … is denied." for a folder) describe the call, not the
/// user's mistake. One place for it, so that every reader (SGF, networks, training chunks, configs) explains a bad path
/// the same way.
/// </summary>
public static class InputFile
{
    /// <summary>Opens <paramref name="path"/> for reading; a failure throws <see cref="InputFileException"/>.</summary>
    public static FileStream OpenRead(string path, int bufferSize = 4096, FileShare share = FileShare.Read)
    {
        if (Problem(path) is { } problem) throw new InputFileException(path ?? "", problem);
        try
        {
            return new FileStream(path!, FileMode.Open, FileAccess.Read, share, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputFileException(path!, ReasonOf(e), e);
        }
    }

    /// <summary>
    /// All of a file that is small by nature (a settings file, a ledger), at most <paramref name="limit"/> bytes: a
    /// larger one is an <see cref="InvalidDataException"/> "PATH: not WHAT: the file is larger than N MiB", so that a
    /// damaged or foreign file (or /dev/zero) fails at a known size instead of filling memory. A file that cannot be
    /// opened is an <see cref="InputFileException"/>.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long limit, string what)
    {
        using var file = OpenRead(path);
        using var bounded = new BoundedStream(file, limit,
            max => new InvalidDataException($"{path}: not {what}: the file is larger than {Math.Max(1, max >> 20)} MiB"));
        using var copy = new MemoryStream();
        bounded.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Why a path cannot name a file to read, found without opening it; null when nothing is wrong yet.</summary>
    public static string? Problem(string? path) =>
        string.IsNullOrEmpty(path) ? "no file named: the path is empty"
        : path.Contains('\0') ? "not a path: it holds a NUL character"
        : Directory.Exists(path) ? "a folder, not a file"
        : null;

    /// <summary>A failed open or read, in words.</summary>
    public static string ReasonOf(Exception e) => e switch
    {
        InputFileException input => input.Reason,
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => $"cannot be read: {e.Message}",
    };
}
