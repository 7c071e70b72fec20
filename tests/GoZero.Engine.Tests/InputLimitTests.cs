using System.Text;

namespace GoZero.Engine.Tests;

/// <summary>What the readers of user files do with paths that name no file, and with input that never ends.</summary>
public sealed class InputLimitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-input-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void BoundedStreamPassesInputOfExactlyTheLimit()
    {
        using var bounded = new BoundedStream(new MemoryStream(new byte[100]), 100, limit => new InvalidDataException($"over {limit}"));
        using var copy = new MemoryStream();

        bounded.CopyTo(copy);

        Assert.Equal(100, copy.Length);
    }

    [Fact]
    public void BoundedStreamThrowsTheReadersExceptionAtTheFirstByteOverTheLimit()
    {
        var endless = new EndlessStream();
        using var bounded = new BoundedStream(endless, 1000, limit => new InvalidDataException($"over {limit}"));

        var error = Assert.Throws<InvalidDataException>(() => bounded.CopyTo(Stream.Null));

        Assert.Equal("over 1000", error.Message);
        Assert.InRange(endless.BytesRead, 1001, 1000 + 81920);
    }

    [Fact]
    public void ASmallFileIsReadWholeAndAnEndlessOneFailsAtItsLimitNamingIt()
    {
        string small = Path.Combine(folder, "ledger.json");
        File.WriteAllText(small, "{}");
        Assert.Equal("{}"u8.ToArray(), InputFile.ReadAllBytes(small, 2, "a ledger"));

        var error = Assert.Throws<InvalidDataException>(() => InputFile.ReadAllBytes("/dev/zero", 3 << 20, "a ledger"));
        Assert.Equal("/dev/zero: not a ledger: the file is larger than 3 MiB", error.Message);

        var missing = Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(Path.Combine(folder, "none.json"), 1 << 20, "a ledger"));
        Assert.Equal("no such file", missing.Reason);
    }

    [Fact]
    public void SgfFromAnEndlessStreamFailsAtTheSizeLimitNamingTheFile()
    {
        var endless = new EndlessStream();

        var error = Assert.Throws<SgfFormatException>(() => SgfReader.Load(endless, "/dev/zero"));

        Assert.Equal("/dev/zero", error.Path);
        Assert.Contains("larger than 4 MiB", error.Message);
        Assert.InRange(endless.BytesRead, SgfReader.MaxFileBytes + 1, SgfReader.MaxFileBytes + (1 << 20));
    }

    [Fact]
    public void SgfFileOverTheLimitIsRefusedBeforeItIsRead()
    {
        string path = Path.Combine(folder, "huge.sgf");
        using (var file = File.Create(path)) file.SetLength(SgfReader.MaxFileBytes + 1L);

        var error = Assert.Throws<SgfFormatException>(() => SgfReader.Load(path));

        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains("larger than 4 MiB", error.Message);
    }

    [Fact]
    public void SgfFileOfExactlyTheLimitIsRead()
    {
        string path = Path.Combine(folder, "padded.sgf");
        string game = "(;SZ[9];B[ee])";
        File.WriteAllText(path, game + new string(' ', SgfReader.MaxFileBytes - game.Length), Encoding.ASCII);

        Assert.Single(SgfReader.Load(path).Moves);
    }

    [Fact]
    public void SgfMainLineOfMoreMovesThanTheCapIsRefusedBeforeItIsReplayed()
    {
        string moves = string.Concat(Enumerable.Repeat(";B[];W[]", SgfReader.MaxMoves / 2));
        Assert.Equal(SgfReader.MaxMoves, SgfReader.Read($"(;SZ[9]{moves})").Moves.Count);

        var error = Assert.Throws<SgfFormatException>(() => SgfReader.Read($"(;SZ[9]{moves};B[])"));

        Assert.Equal(7 + moves.Length, error.Offset);
        Assert.Contains($"more than {SgfReader.MaxMoves} moves", error.Message);
    }

    [Fact]
    public void SgfPathThatIsAFolderIsCalledOne()
    {
        var error = Assert.Throws<InputFileException>(() => SgfReader.Load(folder));

        Assert.Equal($"{folder}: a folder, not a file", error.Message);
    }

    [Fact]
    public void SgfPathThatIsEmptyIsCalledEmpty()
    {
        var error = Assert.Throws<InputFileException>(() => SgfReader.Load(""));

        Assert.Equal("no file named: the path is empty", error.Message);
    }

    [Fact]
    public void UnreadableFileIsCalledUnreadable()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return; // root reads every file
        string path = Path.Combine(folder, "locked.sgf");
        File.WriteAllText(path, "(;)");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var error = Assert.Throws<InputFileException>(() => SgfReader.Load(path));

        Assert.Equal($"{path}: permission denied", error.Message);
    }
}
