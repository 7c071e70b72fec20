namespace GoZero.Cli;

/// <summary>
/// What is wrong with a path given on the command line, found before any work is done: an empty value is a bad
/// argument; a file to write in a folder that does not exist, or where a folder is, would fail only after the work
/// (an hour of training) with .NET's words. Files to read are checked by their readers (<c>InputFile</c>).
/// </summary>
public static class PathArgument
{
    /// <summary>The message for an empty value of <paramref name="option"/>, or null when it is not empty.</summary>
    public static string? Empty(string? value, string option, string what) =>
        value is { Length: 0 } ? $"{option} is empty: name {what}" : null;

    /// <summary>Why a file cannot be written at <paramref name="path"/>, or null when it looks writable.</summary>
    public static string? NotWritable(string path)
    {
        if (Directory.Exists(path)) return $"cannot write {path}: it is a folder";
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            return File.Exists(folder) ? $"cannot write {path}: {folder} is a file, not a folder" : $"cannot write {path}: the folder {folder} does not exist";
        return null;
    }

    /// <summary>Why <paramref name="path"/> cannot be used as a folder (one to read or to create), or null.</summary>
    public static string? NotAFolder(string path) => File.Exists(path) ? $"{path}: a file, not a folder" : null;
}
