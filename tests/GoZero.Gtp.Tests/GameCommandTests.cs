namespace GoZero.Gtp.Tests;

/// <summary>The commands that set up and change the game, each with valid and invalid arguments.</summary>
public sealed class GameCommandTests
{
    [Fact]
    public void BoardsizeAcceptsTwoToTwentyFiveAndRefusesTheRest()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        foreach (string size in new[] { "2", "5", "19", "25" }) gtp.Ok($"boardsize {size}");
        foreach (string size in new[] { "1", "0", "26", "-5", "99999999999999999999" })
            Assert.Equal("unacceptable size", gtp.Fails($"boardsize {size}"));
        foreach (string size in new[] { "nine", "9.5", "" })
            Assert.StartsWith("syntax error", gtp.Fails($"boardsize {size}".TrimEnd()));
        gtp.Ok("boardsize 7");
        gtp.Ok("play b d4");
        gtp.Ok("boardsize 7");
        Assert.Equal("", gtp.Ok("list_stones black"));
    }

    [Fact]
    public void ClearBoardEmptiesTheBoardAndKeepsTheKomi()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        gtp.Ok("komi 2.5");
        gtp.Ok("play b c3");
        gtp.Ok("play w c4");
        gtp.Ok("clear_board");
        Assert.Equal("", gtp.Ok("list_stones black"));
        Assert.Equal("", gtp.Ok("list_stones white"));
        Assert.Equal("cannot undo", gtp.Fails("undo"));
        Assert.Contains("komi 2.5", gtp.Ok("showboard"));
    }

    [Fact]
    public void KomiTakesNumbersOnly()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        foreach (string komi in new[] { "6.5", "-3", "0", "7" }) gtp.Ok($"komi {komi}");
        foreach (string komi in new[] { "six", "NaN", "Infinity", "1e400", "7,5", "" })
            Assert.StartsWith("syntax error", gtp.Fails($"komi {komi}".TrimEnd()));
        // Empty 5×5 board: all 25 points are Black's by area, less the komi.
        gtp.Ok("boardsize 5");
        gtp.Ok("komi 30");
        gtp.Ok("play b c3");
        Assert.Equal("W+5", gtp.Ok("final_score"));
    }

    [Fact]
    public void PlayRefusesBadColoursBadVerticesAndIllegalMoves()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        gtp.Ok("play b c3");
        gtp.Ok("play W pass");
        gtp.Ok("play black B2");
        Assert.StartsWith("syntax error", gtp.Fails("play x c3"));
        Assert.StartsWith("syntax error", gtp.Fails("play b z9"));
        Assert.StartsWith("syntax error", gtp.Fails("play b i3"));
        Assert.StartsWith("syntax error", gtp.Fails("play b f1"));
        Assert.StartsWith("syntax error", gtp.Fails("play b"));
        Assert.StartsWith("syntax error", gtp.Fails("play"));
        Assert.StartsWith("syntax error", gtp.Fails("play b resign"));
        Assert.StartsWith("illegal move", gtp.Fails("play w c3"));
        // Suicide: a white stone on A1 surrounded by black.
        gtp.Ok("play b a2");
        gtp.Ok("play b b1");
        Assert.StartsWith("illegal move", gtp.Fails("play w a1"));
        Assert.Equal("0", gtp.Ok("is_legal w a1"));
        Assert.Equal("1", gtp.Ok("is_legal b a1"));
        Assert.Equal("0", gtp.Ok("is_legal b c3"));
        Assert.StartsWith("syntax error", gtp.Fails("is_legal b zz"));
        Assert.StartsWith("syntax error", gtp.Fails("is_legal q a1"));
    }

    [Fact]
    public void KoIsRefusedUntilAMoveElsewhere()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        // Black B3 C4 C2 and White D4 D2 E3 face each other around C3 and D3: Black's D3 is taken by White's C3.
        foreach (string move in new[] { "b b3", "w d4", "b c4", "w d2", "b c2", "w e3", "b d3", "w c3" }) gtp.Ok($"play {move}");
        // White's C3 captured D3; Black retaking at once is ko.
        Assert.Equal("1", gtp.Ok("captures w"));
        Assert.StartsWith("illegal move", gtp.Fails("play b d3"));
        gtp.Ok("play b a5");
        gtp.Ok("play w a4");
        gtp.Ok("play b d3");
        Assert.Equal("1", gtp.Ok("captures b"));
        Assert.StartsWith("syntax error", gtp.Fails("captures"));
        Assert.StartsWith("syntax error", gtp.Fails("captures purple"));
    }

    [Fact]
    public void UndoTakesBackMovesAndFailsCleanlyAtTheStart()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        gtp.Ok("play b c3");
        gtp.Ok("play w c4");
        gtp.Ok("undo");
        Assert.Equal("", gtp.Ok("list_stones white"));
        gtp.Ok("undo");
        Assert.Equal("cannot undo", gtp.Fails("undo"));
        Assert.Equal("cannot undo", gtp.Fails("undo"));
        gtp.Ok("play b c3");
        Assert.Equal("C3", gtp.Ok("list_stones black"));
    }

    [Fact]
    public void ListStonesAndCapturesFollowTheBoard()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        foreach (string move in new[] { "b a2", "w a1", "b b1" }) gtp.Ok($"play {move}");
        Assert.Equal("A2 B1", string.Join(' ', gtp.Ok("list_stones b").Split(' ').Order()));
        Assert.Equal("", gtp.Ok("list_stones white"));
        Assert.Equal("1", gtp.Ok("captures black"));
        Assert.Equal("0", gtp.Ok("captures white"));
    }

    [Fact]
    public void ShowboardDrawsTheBoardWithCoordinatesAndTheLastMove()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "20");
        gtp.Ok("play b c3");
        gtp.Ok("play w b2");
        var rows = gtp.Ok("showboard").Split('\n');
        Assert.Equal("", rows[0]);
        Assert.Equal("    A B C D E", rows[1]);
        Assert.StartsWith(" 3  . . X . .  3", rows[4]);
        Assert.StartsWith(" 2  .(O). . .  2", rows[5]);
        Assert.Equal("    A B C D E", rows[7]);
    }

    [Fact]
    public void FixedHandicapPlacesTheSpecsStonesOnAnEmptyBoardOnly()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "20");
        Assert.Equal("invalid number of stones", gtp.Fails("fixed_handicap 1"));
        Assert.Equal("invalid number of stones", gtp.Fails("fixed_handicap 10"));
        Assert.Equal("invalid number of stones", gtp.Fails("fixed_handicap many"));
        Assert.Equal("C3 G7 C7 G3", gtp.Ok("fixed_handicap 4"));
        Assert.Equal("board not empty", gtp.Fails("fixed_handicap 2"));
        Assert.Equal("C3 C7 G3 G7", string.Join(' ', gtp.Ok("list_stones black").Split(' ').Order()));
        // White moves first after a handicap.
        var move = gtp.Ok("genmove w");
        Assert.Equal(1, gtp.Ok("list_stones white").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length + (move is "pass" or "resign" ? 1 : 0));
        gtp.Ok("boardsize 5");
        Assert.Equal("invalid number of stones", gtp.Fails("fixed_handicap 2"));
        gtp.Ok("boardsize 19");
        Assert.Equal(9, gtp.Ok("fixed_handicap 9").Split(' ').Length);
    }

    [Fact]
    public void PlaceFreeHandicapChoosesDistinctPoints()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "20");
        Assert.Equal("invalid number of stones", gtp.Fails("place_free_handicap 1"));
        Assert.Equal("invalid number of stones", gtp.Fails("place_free_handicap 81"));
        var stones = gtp.Ok("place_free_handicap 5").Split(' ');
        Assert.Equal(5, stones.Distinct().Count());
        Assert.Equal(stones.Order(), gtp.Ok("list_stones black").Split(' ').Order());
        Assert.Equal("board not empty", gtp.Fails("place_free_handicap 2"));
    }

    [Fact]
    public void SetFreeHandicapTakesTheControllersStonesAndRefusesBadLists()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "20");
        Assert.StartsWith("bad vertex list", gtp.Fails("set_free_handicap e5"));
        Assert.StartsWith("bad vertex list", gtp.Fails("set_free_handicap e5 e5"));
        Assert.StartsWith("bad vertex list", gtp.Fails("set_free_handicap e5 z1"));
        Assert.StartsWith("bad vertex list", gtp.Fails("set_free_handicap e5 pass"));
        Assert.StartsWith("bad vertex list", gtp.Fails("set_free_handicap"));
        gtp.Ok("set_free_handicap e5 c3 g7");
        Assert.Equal("C3 E5 G7", string.Join(' ', gtp.Ok("list_stones black").Split(' ').Order()));
        Assert.Equal("board not empty", gtp.Fails("set_free_handicap a1 a2"));
        gtp.Ok("clear_board");
        gtp.Ok("play b a1");
        Assert.Equal("board not empty", gtp.Fails("set_free_handicap c3 g7"));
    }

    [Fact]
    public void TimeSettingsAndTimeLeftAcceptTheSpecsFormsAndRefuseOthers()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        gtp.Ok("time_settings 300 30 5");
        gtp.Ok("time_settings 60 0 0");
        gtp.Ok("time_left b 50 0");
        gtp.Ok("time_left white 20 3");
        gtp.Ok("kgs-time_settings none");
        gtp.Ok("kgs-time_settings absolute 600");
        gtp.Ok("kgs-time_settings byoyomi 600 30 5");
        gtp.Ok("kgs-time_settings canadian 600 60 10");
        foreach (string bad in new[] { "time_settings", "time_settings 1 2", "time_settings a b c", "time_settings -1 0 0",
                     "time_settings 1e300 0 0", "time_left b 10", "time_left x 10 0", "time_left b -3 0",
                     "kgs-time_settings", "kgs-time_settings hourglass 5", "kgs-time_settings byoyomi 1 2" })
            Assert.StartsWith("syntax error", gtp.Fails(bad));
    }

    [Fact]
    public void FinalScoreAndStatusListJudgeDeadStones()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "20");
        gtp.Ok("komi 0.5");
        // Black owns columns A-C, White columns D-G; a white stone on A4 is dead inside Black's area.
        for (int row = 1; row <= 7; row++)
        {
            gtp.Ok($"play b c{row}");
            gtp.Ok($"play w d{row}");
        }
        gtp.Ok("play w a4");
        Assert.Equal("A4", gtp.Ok("final_status_list dead"));
        Assert.Equal("", gtp.Ok("final_status_list seki"));
        var alive = gtp.Ok("final_status_list alive").Split('\n');
        // One chain a line: the black wall and the white wall.
        Assert.Equal(2, alive.Length);
        Assert.Equal(7, alive[0].Split(' ').Length);
        // Black 21, White 28 + 0.5.
        Assert.Equal("W+7.5", gtp.Ok("final_score"));
        Assert.StartsWith("syntax error", gtp.Fails("final_status_list undecided"));
        Assert.StartsWith("syntax error", gtp.Fails("final_status_list"));
    }
}
