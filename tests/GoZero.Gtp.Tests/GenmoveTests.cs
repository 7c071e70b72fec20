namespace GoZero.Gtp.Tests;

/// <summary>Move generation: whole games, the pass rules at the end, cleanup, resignation, reg_genmove, the clock.</summary>
public sealed class GenmoveTests
{
    private static readonly string[] Vertices5 = [.. from c in "ABCDE" from r in Enumerable.Range(1, 5) select $"{c}{r}"];

    [Fact]
    public void AScriptedGameEndsInTwoPassesWithAFinalScore()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "50", "--resign-threshold", "0");
        gtp.Ok("komi 0.5");
        string previous = "";
        bool ended = false;
        for (int ply = 0; ply < 80 && !ended; ply++)
        {
            string color = ply % 2 == 0 ? "b" : "w";
            string move = gtp.Ok($"genmove {color}");
            Assert.True(move == "pass" || Vertices5.Contains(move), $"'{move}' is not a move of the 5×5 board");
            ended = move == "pass" && previous == "pass";
            previous = move;
        }
        Assert.True(ended, "two passes within 80 moves");
        Assert.Matches(@"^([BW]\+\d+(\.\d+)?|0)$", gtp.Ok("final_score"));
        gtp.Ok("final_status_list dead");
        Assert.Contains("(;FF[4]", gtp.Ok("printsgf"));
    }

    [Fact]
    public void AfterTheOpponentPassesItDoesNotPassIntoALoss()
    {
        // One playout leaves the root without a visited child, so the search itself always says pass: what
        // genmove answers is the pass rule's decision.
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "1", "--resign-threshold", "0");
        gtp.Ok("komi 7.5");
        gtp.Ok("play b c3");
        gtp.Ok("play w pass");
        gtp.Ok("play b pass");
        // Passing now ends the game at B+17.5.
        string move = gtp.Ok("genmove w");
        Assert.NotEqual("pass", move);
        Assert.Contains(move, Vertices5);
    }

    [Fact]
    public void AfterTheOpponentPassesItPassesToEndAWonGame()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "50", "--resign-threshold", "0");
        gtp.Ok("komi 30");
        gtp.Ok("play b c3");
        gtp.Ok("play w pass");
        gtp.Ok("play b pass");
        // Passing ends the game at W+5.
        Assert.Equal("pass", gtp.Ok("genmove w"));
        Assert.Equal("W+5", gtp.Ok("final_score"));
    }

    [Fact]
    public void CleanupCapturesTheOpponentsDeadStonesBeforePassing()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "30", "--resign-threshold", "0");
        gtp.Ok("komi 0.5");
        for (int row = 1; row <= 7; row++)
        {
            gtp.Ok($"play b c{row}");
            gtp.Ok($"play w d{row}");
        }
        gtp.Ok("play w a4");
        gtp.Ok("play w pass");
        Assert.Equal("A4", gtp.Ok("final_status_list dead"));
        var moves = new List<string>();
        for (int turn = 0; turn < 10 && gtp.Ok("list_stones white").Contains("A4"); turn++)
        {
            string move = gtp.Ok("kgs-genmove_cleanup b");
            Assert.NotEqual("pass", move);
            moves.Add(move);
            gtp.Ok("play w pass");
        }
        Assert.DoesNotContain("A4", gtp.Ok("list_stones white"));
        Assert.InRange(moves.Count, 1, 3);
        Assert.All(moves, m => Assert.Contains(m, new[] { "A3", "A5", "B4" }));
        Assert.Equal("", gtp.Ok("final_status_list dead"));
        Assert.StartsWith("syntax error", gtp.Fails("kgs-genmove_cleanup"));
    }

    [Fact]
    public void RegGenmoveAnswersAMoveWithoutPlayingIt()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "50");
        string move = gtp.Ok("reg_genmove b");
        Assert.Contains(move, Vertices5);
        Assert.Equal("", gtp.Ok("list_stones black"));
        Assert.Equal("cannot undo", gtp.Fails("undo"));
        Assert.StartsWith("syntax error", gtp.Fails("reg_genmove"));
        Assert.StartsWith("syntax error", gtp.Fails("genmove purple"));
    }

    [Fact]
    public void GenmoveForEitherColourPlaysTheMoveAndUndoTakesItBack()
    {
        using var gtp = GtpProcess.OnBoard(5, "--playouts", "50");
        string white = gtp.Ok("genmove w");
        Assert.Equal(white, gtp.Ok("list_stones white"));
        string black = gtp.Ok("genmove b");
        Assert.Equal(black, gtp.Ok("list_stones black"));
        gtp.Ok("undo");
        gtp.Ok("undo");
        Assert.Equal("", gtp.Ok("list_stones white"));
    }

    [Fact]
    public void TheTreeOfTheMovePlayedIsKeptForTheNextSearchAndDroppedAfterUndo()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "200");
        gtp.Ok("genmove b");
        gtp.Ok("genmove w");
        // White's search starts from the subtree of Black's move, the most visited one.
        var (playouts, rootVisits) = NthSearch(gtp, "W", 1);
        Assert.Equal(200, playouts);
        Assert.True(rootVisits > playouts, $"{rootVisits} root visits after {playouts} playouts");
        gtp.Ok("undo");
        gtp.Ok("genmove w");
        Assert.Equal((200, 200), NthSearch(gtp, "W", 2));
    }

    /// <summary>The playouts and root visits of the engine's <paramref name="n"/>th logged search for
    /// <paramref name="player"/>, waiting for stderr to bring it.</summary>
    private static (int Playouts, int RootVisits) NthSearch(GtpProcess gtp, string player, int n)
    {
        var pattern = new System.Text.RegularExpressions.Regex($@"gtp: {player} \S+ after (\d+) playouts \((\d+) root visits\)");
        var until = DateTime.UtcNow + GtpProcess.DefaultTimeout;
        System.Text.RegularExpressions.MatchCollection matches;
        while ((matches = pattern.Matches(gtp.Error)).Count < n)
        {
            Assert.True(DateTime.UtcNow < until, $"no search number {n} for {player} in stderr:\n{gtp.Error}");
            Thread.Sleep(20);
        }
        var match = matches[n - 1];
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    [Fact]
    public void AHopelessPositionResignsUnlessResigningIsOff()
    {
        const string setup = "boardsize 5|komi 0.5|play b c3|play b c2|play b c4|play b b3|play b d3|play w pass";
        using (var gtp = new GtpProcess("--playouts", "300", "--resign-threshold", "0.2"))
        {
            foreach (string line in setup.Split('|')) gtp.Ok(line);
            Assert.Equal("resign", gtp.Ok("genmove w"));
        }
        using (var gtp = new GtpProcess("--playouts", "300", "--resign-threshold", "0"))
        {
            foreach (string line in setup.Split('|')) gtp.Ok(line);
            Assert.NotEqual("resign", gtp.Ok("genmove w"));
        }
    }

    [Fact]
    public void UnderAClockGenmoveAnswersWithinItsTime()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "1000000");
        gtp.Ok("time_settings 4 0 0");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        gtp.Ok("genmove b");
        gtp.Ok("time_left w 3 0");
        gtp.Ok("genmove w");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"two moves took {stopwatch.Elapsed.TotalSeconds:0.0} s of a 4 s clock");
    }

    [Theory]
    [InlineData("time_settings 0 1 1")]
    [InlineData("kgs-time_settings byoyomi 0 1 1")]
    public void OnAClockOfOneSecondAMoveGenmoveThinksForMostOfIt(string settings)
    {
        // Issue 14: a 1 s period less the 1 s lag buffer left nothing; A1, B1, C1 and a pass came from empty searches.
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "1000000");
        gtp.Ok(settings);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        gtp.Ok("genmove b");
        gtp.Ok("genmove w");
        stopwatch.Stop();
        var (black, _) = NthSearch(gtp, "B", 1);
        var (white, _) = NthSearch(gtp, "W", 1);
        Assert.True(black >= 20 && white >= 20, $"{black} and {white} playouts in half a second each");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"two moves took {stopwatch.Elapsed.TotalSeconds:0.0} s at 1 s a move");
    }

    [Fact]
    public void TimeLeftReplacesTheEnginesOwnCountOfItsClock()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "1000000");
        // 600 s would give the first move 14.6 s; the controller says 1 s is left.
        gtp.Ok("time_settings 600 0 0");
        gtp.Ok("time_left b 1 0");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        gtp.Ok("genmove b");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"genmove took {stopwatch.Elapsed.TotalSeconds:0.0} s with 1 s left");
        Assert.True(NthSearch(gtp, "B", 1).Playouts >= 2);
    }

    [Fact]
    public void AfterLoadingALongGameGenmoveTakesNoLongerThanAfterAShortOne()
    {
        // Issue 14: after loadsgf of 100,000 passes each genmove spent 7-14 s copying the history, 0 playouts done.
        TimeSpan ThreeMoves(int passes)
        {
            string path = Path.Combine(Path.GetTempPath(), $"gozero-passes-{passes}-{Guid.NewGuid():N}.sgf");
            var sgf = new System.Text.StringBuilder("(;GM[1]FF[4]SZ[9]KM[7]");
            for (int i = 0; i < passes; i++) sgf.Append(i % 2 == 0 ? ";B[]" : ";W[]");
            File.WriteAllText(path, sgf.Append(";B[ee])").ToString());
            try
            {
                using var gtp = new GtpProcess("--playouts", "16");
                gtp.Ok($"loadsgf {path}", TimeSpan.FromMinutes(2));
                gtp.Ok("time_settings 0 5 1");
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                gtp.Ok("genmove w");
                gtp.Ok("genmove b");
                gtp.Ok("undo");
                gtp.Ok("genmove b");
                return stopwatch.Elapsed;
            }
            finally { File.Delete(path); }
        }
        var onShort = ThreeMoves(20);
        var onLong = ThreeMoves(30_000);
        Assert.True(onLong < onShort + TimeSpan.FromSeconds(1.5),
            $"three moves took {onLong.TotalSeconds:0.00} s after 30,000 passes, {onShort.TotalSeconds:0.00} s after 20");
    }

    [Fact]
    public void PonderingSearchesBetweenMovesAndAnswersTheNextCommandAtOnce()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "200", "--ponder");
        string first = gtp.Ok("genmove b");
        Thread.Sleep(300);
        Assert.Equal("GoZero", gtp.Ok("name"));
        string reply = first == "D4" ? "C3" : "D4";
        gtp.Ok($"play w {reply}");
        string second = gtp.Ok("genmove b");
        Assert.NotEqual(first, second);
        Assert.Contains(second, gtp.Ok("list_stones black").Split(' '));
        gtp.AssertErrorContains("pondering stopped after");
    }
}
