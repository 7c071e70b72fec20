namespace GoZero.Network;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one: the content goes to a temporary file
/// in the same folder (same file system, so the rename is atomic), is flushed to disk, and only then renamed over the
/// target. A write that fails leaves the old file as it was and deletes its temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files are named ".NAME.RANDOM.tmp" beside the target.</summary>
    public const string TemporarySuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no folder", nameof(path));
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
                // The folder is missing or unwritable, so there is no temporary file; the first error is the one to report.
            }
            throw;
        }
    }
}
