using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class FolderLockTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void SecondHolderIsRefusedWithAMessageNamingTheFolder()
    {
        using var first = FolderLock.Acquire(folder, "gozero selfplay");
        var error = Assert.Throws<FolderInUseException>(() => FolderLock.Acquire(folder, "gozero selfplay"));
        Assert.Contains($"{folder} is in use by another gozero process", error.Message);
        Assert.Contains(FolderLock.FileName, error.Message);
    }

    [Fact]
    public void ReleasedLockCanBeTakenAgain()
    {
        FolderLock.Acquire(folder, "gozero match").Dispose();
        using var again = FolderLock.Acquire(folder, "gozero match");
        Assert.Equal(folder, again.Folder);
    }

    [Fact]
    public void LockFileLeftByAKilledProcessDoesNotBlock()
    {
        // A killed process leaves its lock file but not its lock: the operating system drops that with the process.
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FolderLock.FileName), "gozero selfplay, pid 999999, since long ago\n");
        FolderLock.Acquire(folder, "gozero selfplay").Dispose();
        Assert.StartsWith($"gozero selfplay, pid {Environment.ProcessId},", File.ReadAllText(Path.Combine(folder, FolderLock.FileName)));
    }

    [Fact]
    public void StaleTemporariesGoAndEverythingElseStays()
    {
        Directory.CreateDirectory(Path.Combine(folder, "games"));
        string[] stale = [Path.Combine(folder, ".match.json.x1y2z3.tmp"), Path.Combine(folder, "games", ".00000001.sgf.abc.tmp")];
        string[] kept = [Path.Combine(folder, "match.json"), Path.Combine(folder, "game-0001.sgf"), Path.Combine(folder, "notes.tmp")];
        foreach (string path in stale.Concat(kept)) File.WriteAllText(path, "");

        using var folderLock = FolderLock.Acquire(folder, "gozero match");
        Assert.Equal(2, folderLock.RemoveStaleTemporaries());
        Assert.All(stale, path => Assert.False(File.Exists(path)));
        Assert.All(kept, path => Assert.True(File.Exists(path)));
        Assert.True(File.Exists(Path.Combine(folder, FolderLock.FileName)));
    }
}
