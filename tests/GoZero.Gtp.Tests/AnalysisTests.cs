namespace GoZero.Gtp.Tests;

/// <summary>lz-analyze and its kin, read as Sabaki reads them.</summary>
public sealed class AnalysisTests
{
    /// <summary>Reads info lines for a while, then sends <paramref name="next"/> and reads up to the empty line that
    /// ends the analysis response; the info lines.</summary>
    private static List<string> AnalyseFor(GtpProcess gtp, TimeSpan time, string next)
    {
        var lines = new List<string>();
        var until = DateTime.UtcNow + time;
        while (DateTime.UtcNow < until)
            if (gtp.TryReadLine(TimeSpan.FromMilliseconds(50), out string? line)) lines.Add(line!);
        gtp.Send(next);
        string rest;
        while ((rest = gtp.ReadLine()).Length > 0) lines.Add(rest);
        return lines;
    }

    [Fact]
    public void LzAnalyzePrintsGrowingInfoLinesUntilTheNextCommandWhichIsThenAnswered()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "50");
        gtp.Ok("play b e5");
        gtp.Send("21 lz-analyze w 10");
        Assert.Equal("=21", gtp.ReadLine());
        var lines = AnalyseFor(gtp, TimeSpan.FromSeconds(1.5), "22 name");
        Assert.True(lines.Count >= 3, $"{lines.Count} info lines in 1.5 s at an interval of 0.1 s");
        int previousVisits = 0;
        foreach (string line in lines)
        {
            var moves = AnalysedMove.ParseLine(line);
            AnalysedMove.CheckLine(moves);
            Assert.DoesNotContain(moves, m => m.Move == "E5");
            int visits = moves.Sum(m => m.Visits);
            Assert.True(visits > previousVisits, $"visits grow from line to line: {previousVisits} then {visits}");
            previousVisits = visits;
        }
        Assert.Equal(new GtpResponse(true, "22", "GoZero"), gtp.ReadResponse());
        // Analysis changes nothing in the game.
        Assert.Equal("", gtp.Ok("list_stones white"));
        gtp.AssertErrorContains("analysis stopped after");
    }

    [Theory]
    [InlineData("lz-analyze 10")]
    [InlineData("lz-analyze B 10")]
    [InlineData("lz-analyze interval 10")]
    [InlineData("lz-analyze b interval 10 minmoves 2")]
    [InlineData("lz-analyze 10 white")]
    [InlineData("lz-analyze b 10 ownership true pvVisits true")]
    [InlineData("lz-analyze b 10 avoid w d4,e5 3")]
    [InlineData("analyze b 10")]
    [InlineData("analyze 10")]
    public void AnalysisArgumentsAreReadTolerantly(string command)
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "50");
        gtp.Send(command);
        Assert.Equal("=", gtp.ReadLine());
        var lines = AnalyseFor(gtp, TimeSpan.FromSeconds(0.5), "name");
        Assert.NotEmpty(lines);
        foreach (string line in lines) AnalysedMove.CheckLine(AnalysedMove.ParseLine(line));
        Assert.Equal("GoZero", gtp.ReadResponse().Body);
    }

    [Theory]
    [InlineData("lz-analyze !!")]
    [InlineData("lz-analyze b 10 20")]
    [InlineData("lz-analyze interval")]
    [InlineData("lz-analyze interval soon")]
    [InlineData("lz-analyze 99999999999")]
    [InlineData("lz-analyze b 10 minmoves")]
    [InlineData("lz-genmove_analyze purple% 10")]
    public void JunkAnalysisArgumentsAreASyntaxError(string command)
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "50");
        Assert.StartsWith("syntax error", gtp.Fails(command));
        Assert.Equal("GoZero", gtp.Ok("name"));
    }

    [Fact]
    public void AnalysisWithoutAnIntervalPrintsALineASecondAndZeroPrintsNone()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "50");
        gtp.Send("lz-analyze b 0");
        Assert.Equal("=", gtp.ReadLine());
        Assert.Empty(AnalyseFor(gtp, TimeSpan.FromSeconds(0.5), "name"));
        Assert.Equal("GoZero", gtp.ReadResponse().Body);
        gtp.Send("lz-analyze");
        Assert.Equal("=", gtp.ReadLine());
        Assert.NotEmpty(AnalyseFor(gtp, TimeSpan.FromSeconds(1.5), "name"));
        Assert.Equal("GoZero", gtp.ReadResponse().Body);
    }

    [Fact]
    public void LzGenmoveAnalyzePrintsInfoLinesThenPlaysItsMove()
    {
        using var gtp = GtpProcess.OnBoard(9, "--playouts", "2000");
        gtp.Send("31 lz-genmove_analyze b 5");
        Assert.Equal("=31", gtp.ReadLine());
        var lines = new List<string>();
        string line;
        while ((line = gtp.ReadLine()).Length > 0) lines.Add(line);
        Assert.True(lines.Count >= 2, string.Join('\n', lines));
        Assert.StartsWith("play ", lines[^1]);
        string move = lines[^1]["play ".Length..];
        foreach (string info in lines[..^1]) AnalysedMove.CheckLine(AnalysedMove.ParseLine(info));
        // The last info line is the final one, and its best move is the move played.
        Assert.Equal(move, AnalysedMove.ParseLine(lines[^2])[0].Move);
        Assert.Equal(move, gtp.Ok("list_stones black"));
        Assert.Equal("GoZero", gtp.Ok("name"));
    }

    [Fact]
    public void GenmoveAnalyzeWithPonderingEndsItsResponseWhenTheNextCommandArrives()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "300", "--ponder");
        gtp.Send("genmove_analyze w 10");
        Assert.Equal("=", gtp.ReadLine());
        string line;
        do line = gtp.ReadLine(); while (!line.StartsWith("play ", StringComparison.Ordinal));
        string move = line["play ".Length..];
        var pondering = AnalyseFor(gtp, TimeSpan.FromSeconds(0.5), "list_stones white");
        foreach (string info in pondering) AnalysedMove.CheckLine(AnalysedMove.ParseLine(info));
        Assert.Equal(move, gtp.ReadResponse().Body);
    }

    /// <summary>
    /// Sabaki in analysis mode at the end of a game: both players have passed, it asks for analysis, and the next
    /// command comes a moment later, as a person's click does. The engine once searched the finished game's root
    /// forever without looking at its cancellation, so the next command was never answered. The pause matters: sent
    /// in one write, the next line arrived before the search started and the hang never showed.
    /// </summary>
    [Theory]
    [InlineData("9", "play b pass|play w pass", "2 lz-analyze 10")]
    [InlineData("9", "play b pass|play w pass", "2 analyze b 10")]
    [InlineData("9", "play b pass|play w pass", "2 lz-analyze 0")]
    [InlineData("9", "play b pass|play b pass", "2 lz-analyze 10")]
    [InlineData("7", "play b d4|play w c3|play b pass|play w pass", "2 lz-analyze w 10")]
    public void AnalysisAfterBothPlayersPassedStopsWhenTheNextCommandArrives(string size, string moves, string analyse)
    {
        using var gtp = GtpProcess.OnBoard(int.Parse(size), "--playouts", "50");
        foreach (string move in moves.Split('|')) gtp.Ok(move);
        gtp.Send(analyse);
        Assert.Equal("=2", gtp.ReadLine());
        var infoLines = new List<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < until)
            if (gtp.TryReadLine(TimeSpan.FromMilliseconds(50), out string? line)) infoLines.Add(line!);
        gtp.Send("3 name");
        string rest;
        while ((rest = gtp.ReadLine(TimeSpan.FromSeconds(10))).Length > 0) infoLines.Add(rest);
        Assert.Equal(new GtpResponse(true, "3", "GoZero"), gtp.ReadResponse(TimeSpan.FromSeconds(10)));
        foreach (string line in infoLines) AnalysedMove.CheckLine(AnalysedMove.ParseLine(line));
        // The game ended with the passes; the analysis still searched on from it: a third pass ends it again, any
        // other move plays on.
        if (!analyse.EndsWith(" 0", StringComparison.Ordinal)) Assert.NotEmpty(infoLines);
        gtp.Send("quit");
        Assert.Equal(new GtpResponse(true, null, ""), gtp.ReadResponse(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, gtp.WaitForExit(TimeSpan.FromSeconds(10)));
    }
}
