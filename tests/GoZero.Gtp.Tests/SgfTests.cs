using GoZero.Engine;

namespace GoZero.Gtp.Tests;

/// <summary>loadsgf and printsgf.</summary>
public sealed class SgfTests
{
    [Fact]
    public void PrintsgfThenLoadsgfRestoresTheGameAndAMoveNumberStopsBeforeThatMove()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "20");
        gtp.Ok("komi 5.5");
        foreach (string move in new[] { "b d4", "w c3", "b e5", "w pass", "b c5" }) gtp.Ok($"play {move}");
        string path = Path.Combine(gtp.WorkingDirectory, "game.sgf");
        gtp.Ok($"printsgf {path}");
        string text = File.ReadAllText(path);
        Assert.Contains("SZ[7]", text);
        Assert.Contains("KM[5.5]", text);
        Assert.Equal(text.Trim(), gtp.Ok("printsgf").Trim().Replace("\n\n", "\n"));

        gtp.Ok("boardsize 9");
        gtp.Ok("komi 0");
        gtp.Ok($"loadsgf {path}");
        Assert.Equal("C5 D4 E5", string.Join(' ', gtp.Ok("list_stones b").Split(' ').Order()));
        Assert.Equal("C3", gtp.Ok("list_stones w"));
        Assert.Contains("komi 5.5", gtp.Ok("showboard"));
        Assert.Contains("White to move", gtp.Ok("showboard"));
        // Undo goes back through the loaded moves.
        gtp.Ok("undo");
        Assert.Equal("D4 E5", string.Join(' ', gtp.Ok("list_stones b").Split(' ').Order()));

        // "loadsgf FILE 3": the position before move 3, two moves played.
        gtp.Ok($"loadsgf {path} 3");
        Assert.Equal("D4", gtp.Ok("list_stones b"));
        Assert.Equal("C3", gtp.Ok("list_stones w"));
        gtp.Ok($"loadsgf {path} 1");
        Assert.Equal("", gtp.Ok("list_stones b"));
        gtp.Ok($"loadsgf {path} 99");
        Assert.Equal(3, gtp.Ok("list_stones b").Split(' ').Length);
        // The loaded game goes on.
        Assert.Matches("^([A-G][1-7]|pass|resign)$", gtp.Ok("genmove w"));
    }

    [Fact]
    public void LoadsgfRefusesMissingAndMalformedFilesAndBadMoveNumbers()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        gtp.Ok("play b c3");
        Assert.StartsWith("cannot load file", gtp.Fails("loadsgf no-such-file.sgf"));
        string broken = Path.Combine(gtp.WorkingDirectory, "broken.sgf");
        File.WriteAllText(broken, "(;FF[4]SZ[5];B[cc];W[cc])");
        Assert.StartsWith("cannot load file", gtp.Fails($"loadsgf {broken}"));
        File.WriteAllText(broken, "(;FF[4]SZ[5];B[cc");
        Assert.StartsWith("cannot load file", gtp.Fails($"loadsgf {broken}"));
        File.WriteAllText(broken, "(;FF[4]SZ[30])");
        Assert.StartsWith("cannot load file", gtp.Fails($"loadsgf {broken}"));
        Assert.StartsWith("syntax error", gtp.Fails($"loadsgf {broken} zero"));
        Assert.StartsWith("syntax error", gtp.Fails($"loadsgf {broken} 0"));
        Assert.StartsWith("syntax error", gtp.Fails("loadsgf"));
        // A failed load leaves the game as it was.
        Assert.Equal("C3", gtp.Ok("list_stones b"));
        Assert.StartsWith("cannot save file", gtp.Fails("printsgf /no/such/folder/game.sgf"));
    }

    [Fact]
    public void AHandicapGameRoundTripsThroughSgf()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "20");
        gtp.Ok("komi 0.5");
        string stones = gtp.Ok("fixed_handicap 3");
        string white = gtp.Ok("genmove w");
        string path = Path.Combine(gtp.WorkingDirectory, "handicap.sgf");
        gtp.Ok($"printsgf {path}");
        Assert.Contains("HA[3]", File.ReadAllText(path));
        gtp.Ok("clear_board");
        gtp.Ok($"loadsgf {path}");
        Assert.Equal(stones.Split(' ').Order(), gtp.Ok("list_stones b").Split(' ').Order());
        Assert.Equal(white, gtp.Ok("list_stones w"));
        Assert.Contains("Black to move", gtp.Ok("showboard"));
        gtp.Ok("undo");
        Assert.Equal("cannot undo", gtp.Fails("undo"));
        Assert.Contains("White to move", gtp.Ok("showboard"));
    }

    /// <summary>printsgf once renamed a plain file over a link or a named pipe it was given.</summary>
    [Fact]
    public async Task PrintsgfWritesThroughALinkAndAPipeAndRefusesAFolder()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "20");
        gtp.Ok("play b e5");
        string target = Path.Combine(gtp.WorkingDirectory, "game.sgf");
        string link = Path.Combine(gtp.WorkingDirectory, "link.sgf");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        gtp.Ok($"printsgf {link}");
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("B[ee]", File.ReadAllText(target));

        Assert.StartsWith("cannot save file", gtp.Fails($"printsgf {gtp.WorkingDirectory}"));
        Assert.True(Directory.Exists(gtp.WorkingDirectory));

        if (!OperatingSystem.IsLinux()) return;
        string pipe = Path.Combine(gtp.WorkingDirectory, "pipe.sgf");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(pipe));
        gtp.Ok($"printsgf {pipe}");
        Assert.Contains("B[ee]", await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(new FileInfo(pipe).LinkTarget);
        Assert.Equal(FileType.Fifo, FileStatus.TypeOf(pipe));
    }
}
