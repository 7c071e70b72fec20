namespace GoZero.Engine;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one: the content goes to a temporary file
/// in the same folder (same file system, so the rename is atomic), is flushed to disk, and only then renamed over the
/// target. A write that fails leaves the old file as it was and deletes its temporary file.
/// <para>
/// Only a regular file (or a path where nothing is yet) is replaced that way. A symbolic link is followed, and its
/// final target written as above, as any program writing "through" a link does; a character device (/dev/null, a
/// terminal) and a named pipe are written through, in place, since renaming over them would replace the device or the
/// pipe with a plain file; a folder, a block device and a socket are refused.
/// </para>
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files are named ".NAME.RANDOM.tmp" beside the target.</summary>
    public const string TemporarySuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new IOException("no file name was given");
        string target = FinalTarget(Path.GetFullPath(path));
        switch (FileStatus.TypeOf(target))
        {
            case FileType.Missing or FileType.Regular:
                Replace(path, target, write);
                return;
            case FileType.CharacterDevice or FileType.Fifo:
                WriteThrough(target, write);
                return;
            case FileType.Directory:
                throw new IOException($"{path} is a folder, not a file");
            case var other:
                throw new IOException($"{path} is a {Describe(other)}, not a file");
        }
    }

    /// <summary>The file a path leads to through any symbolic links (the path itself when it is none).</summary>
    private static string FinalTarget(string full)
    {
        if (FileStatus.TypeOf(full) != FileType.SymbolicLink) return full;
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
        return target is null ? full : Path.GetFullPath(target.FullName);
    }

    private static void Replace(string path, string full, Action<Stream> write)
    {
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"{path} names no file");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{path}: the folder {folder} does not exist");
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder is unwritable, so there is no temporary file; the first error is the one to report.
            }
            throw;
        }
    }

    /// <summary>Writes into the device or pipe itself. Opening a pipe waits for a reader, as writing to one does.</summary>
    private static void WriteThrough(string target, Action<Stream> write)
    {
        using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16);
        write(stream);
        stream.Flush();
    }

    private static string Describe(FileType type) => type switch
    {
        FileType.BlockDevice => "block device",
        FileType.Socket => "socket",
        _ => type.ToString().ToLowerInvariant(),
    };
}
