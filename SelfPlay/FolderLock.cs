using System.Globalization;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// One process at a time in a match or self-play folder: an exclusive lock on FOLDER/.gozero.lock, a file held open
/// with <see cref="FileShare.None"/> for as long as the lock lives. Two writers in one folder would pick the same
/// next chunk, game and ledger names and overwrite each other's work. The operating system drops the lock when its
/// process ends, however it ends, so a killed run never blocks the next one; the file itself stays behind and only
/// says, to whoever reads it with an outside tool, which process held it last.
/// </summary>
public sealed class FolderLock : IDisposable
{
    public const string FileName = ".gozero.lock";

    private readonly FileStream file;

    private FolderLock(string folder, FileStream file)
    {
        Folder = folder;
        this.file = file;
    }

    public string Folder { get; }

    /// <summary>Makes <paramref name="folder"/> if missing and locks it for <paramref name="holder"/> (e.g. "gozero
    /// selfplay"); a folder another process holds throws <see cref="FolderInUseException"/> at once, without waiting.</summary>
    public static FolderLock Acquire(string folder, string holder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // The plain IOException is the sharing violation; its subclasses (missing folder, path too long) are not.
            throw new FolderInUseException(folder, path, e);
        }
        file.SetLength(0);
        file.Write(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{holder}, pid {Environment.ProcessId}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n")));
        file.Flush();
        return new FolderLock(folder, file);
    }

    /// <summary>
    /// Deletes the temporary files that <see cref="AtomicFile"/> and <see cref="SgfWriter"/> write beside their
    /// targets (".NAME.RANDOM.tmp") in the folder and its subfolders one level down. Only the lock's holder writes
    /// there, so any such file is left from a process that was killed between creating and renaming it. Returns how
    /// many were deleted.
    /// </summary>
    public int RemoveStaleTemporaries()
    {
        int removed = 0;
        foreach (string directory in Directory.GetDirectories(Folder).Prepend(Folder))
            foreach (string path in Directory.GetFiles(directory, "." + "*" + AtomicFile.TemporarySuffix))
            {
                File.Delete(path);
                removed++;
            }
        return removed;
    }

    public void Dispose() => file.Dispose();
}
