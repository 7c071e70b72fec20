using System.Diagnostics;
using System.Text;
using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>
/// Atomic writes replace regular files only: a hostile-input review found that writing to /dev/null (as root), a
/// named pipe or a symbolic link renamed a plain file over it. None of these tests writes to a real device: a broken
/// write would replace the test machine's /dev/null.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void WriteText(string path, string text) => AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void ARegularFileIsReplacedWholeAndNoTemporaryFileIsLeft()
    {
        string path = Path.Combine(folder, "a.txt");
        WriteText(path, "old");
        WriteText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void WritingThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink()
    {
        string target = Path.Combine(folder, "target.txt");
        File.WriteAllText(target, "old");
        string link = Path.Combine(folder, "link.txt");
        File.CreateSymbolicLink(link, "target.txt");
        WriteText(link, "new");
        Assert.Equal(FileType.SymbolicLink, FileStatus.TypeOf(link));
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void ALinkToNothingCreatesItsTarget()
    {
        string link = Path.Combine(folder, "dangling.txt");
        File.CreateSymbolicLink(link, Path.Combine(folder, "made.txt"));
        WriteText(link, "made");
        Assert.Equal(FileType.SymbolicLink, FileStatus.TypeOf(link));
        Assert.Equal("made", File.ReadAllText(Path.Combine(folder, "made.txt")));
    }

    [Fact]
    public async Task ANamedPipeIsWrittenThroughAndStaysAPipe()
    {
        if (!OperatingSystem.IsLinux()) return;
        string pipe = Path.Combine(folder, "pipe");
        using (var mkfifo = Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        Assert.Equal(FileType.Fifo, FileStatus.TypeOf(pipe));
        var reader = Task.Run(() => File.ReadAllText(pipe));
        WriteText(pipe, "through the pipe");
        Assert.Equal("through the pipe", await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FileType.Fifo, FileStatus.TypeOf(pipe));
        Assert.Equal(["pipe"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void DevicesAreSeenAsDevices()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(FileType.CharacterDevice, FileStatus.TypeOf("/dev/null"));
        Assert.Equal(FileType.Directory, FileStatus.TypeOf("/dev"));
        Assert.Equal(FileType.Missing, FileStatus.TypeOf(Path.Combine(folder, "none")));
        Assert.Equal(FileType.Missing, FileStatus.TypeOf(Path.Combine(folder, "none", "deeper")));
    }

    [Fact]
    public void AFolderIsRefusedAndLeftAlone()
    {
        string sub = Directory.CreateDirectory(Path.Combine(folder, "sub")).FullName;
        File.WriteAllText(Path.Combine(sub, "inside"), "x");
        var error = Assert.Throws<IOException>(() => WriteText(sub, "new"));
        Assert.Contains("is a folder, not a file", error.Message);
        Assert.Equal("x", File.ReadAllText(Path.Combine(sub, "inside")));
        Assert.Single(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        string path = Path.Combine(folder, "no-such-folder", "a.txt");
        var error = Assert.Throws<DirectoryNotFoundException>(() => WriteText(path, "x"));
        Assert.Contains("no-such-folder", error.Message);
        Assert.Contains("does not exist", error.Message);
    }
}
