namespace GoZero.Gtp.Tests;

/// <summary>The protocol itself: identification, ids, preprocessing, the spec's failure messages.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public void IdentifiesItselfAsGoZeroWithItsDefaultNetworkOrTheRolloutFallbackLabelled()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        Assert.Equal("2", gtp.Ok("protocol_version"));
        Assert.Equal("GoZero", gtp.Ok("name"));
        Assert.Equal("0.1 (network: default-19x19.gzn, 19x19 6x64)", gtp.Ok("version"));
        // 13×13 has no default network (networks/README.md).
        gtp.Ok("boardsize 13");
        Assert.Equal("0.1 (no network: rollout fallback)", gtp.Ok("version"));
        Assert.Equal("", gtp.Ok("quit"));
        Assert.Equal(0, gtp.WaitForExit());
        gtp.AssertErrorContains("rollout fallback");
    }

    [Fact]
    public void EchoesTheIdOnSuccessAndOnFailure()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        Assert.Equal(new GtpResponse(true, "12", "GoZero"), gtp.Ask("12 name"));
        Assert.Equal(new GtpResponse(false, "13", "unknown command"), gtp.Ask("13 no_such_command"));
        Assert.Equal(new GtpResponse(false, "14", "cannot undo"), gtp.Ask("14 undo"));
        // An id of any length is echoed as written.
        Assert.Equal("123456789012345678901234567890", gtp.Ask("123456789012345678901234567890 name").Id);
        Assert.False(gtp.Ask("15").Success);
    }

    [Fact]
    public void PreprocessingDropsControlCharactersCommentsAndBlankLinesAndTurnsTabsIntoSpaces()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        gtp.Write("\n   \n# a comment line\n\t\n");
        Assert.Equal(new GtpResponse(true, "1", "GoZero"), gtp.Ask("1\tname # a comment"));
        Assert.Equal(new GtpResponse(true, "2", "GoZero"), gtp.Ask("2 na\u0001m\u0007e\r"));
        Assert.Equal(new GtpResponse(true, "3", "2"), gtp.Ask("3 protocol_version\r"));
        gtp.Ok("boardsize\t5");
        gtp.Ok("play\tb\tc3\r");
        Assert.Equal("C3", gtp.Ok("list_stones black"));
        // A CR alone ends no line: both commands arrive as one line, which is one (unknown) command.
        Assert.Equal("unknown command", gtp.Fails("name\rversion"));
    }

    [Fact]
    public void KnownCommandAgreesWithListCommandsAndEveryIssueCommandIsThere()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        var listed = gtp.Ok("list_commands").Split('\n');
        string[] required =
        [
            "protocol_version", "name", "version", "known_command", "list_commands", "quit", "boardsize", "clear_board",
            "komi", "play", "genmove", "undo", "showboard", "fixed_handicap", "place_free_handicap", "set_free_handicap",
            "final_score", "final_status_list", "time_settings", "time_left", "kgs-time_settings", "kgs-genmove_cleanup",
            "loadsgf", "printsgf", "reg_genmove", "is_legal", "list_stones", "captures", "lz-analyze",
            "lz-genmove_analyze", "analyze", "genmove_analyze", "kata-analyze", "kata-genmove_analyze",
        ];
        Assert.Subset(listed.ToHashSet(), required.ToHashSet());
        foreach (string command in listed) Assert.Equal("true", gtp.Ok($"known_command {command}"));
        Assert.Equal("false", gtp.Ok("known_command no_such_command"));
        Assert.Equal("false", gtp.Ok("known_command GENMOVE"));
        Assert.StartsWith("syntax error", gtp.Fails("known_command"));
    }

    [Fact]
    public void AnOverlongLineFailsAndTheEngineAnswersOn()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        var response = gtp.Ask("7 " + new string('x', 200_000));
        Assert.False(response.Success);
        Assert.Equal("7", response.Id);
        Assert.StartsWith("syntax error", response.Body);
        Assert.Equal("GoZero", gtp.Ok("name"));
    }

    /// <summary>
    /// Only commands get answers (GTP 3.1): a long comment or a long run of blanks is no command, however long, and a
    /// command followed by a long comment or long blanks is whole. An answer to a comment line once put controllers
    /// that pair replies with commands by order out of step.
    /// </summary>
    [Fact]
    public void OverlongCommentsAndBlankLinesGetNoAnswerAndACommandBeforeALongCommentRuns()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        gtp.Send("# " + new string('x', 200_000));
        gtp.Send(new string(' ', 100_000) + new string('\t', 100_000));
        gtp.Send(new string(' ', 70_000) + "# still a comment");
        Assert.Equal(new GtpResponse(true, "5", "GoZero"), gtp.Ask("5 name # " + new string('y', 200_000)));
        Assert.Equal(new GtpResponse(true, "6", "GoZero"), gtp.Ask("6 name" + new string(' ', 100_000)));
        // A command that reaches past the limit is still answered, and refused.
        var response = gtp.Ask(new string(' ', 70_000) + "7 name");
        Assert.False(response.Success);
        Assert.Equal(new GtpResponse(true, "8", "GoZero"), gtp.Ask("8 name"));
    }

    [Fact]
    public void ALongLineOfMultiByteCharactersIsAnsweredWithoutWaitingForMoreInput()
    {
        // More than one 4 KiB read of UTF-8: a reader that waits to fill a buffer of characters would hang here.
        using var gtp = new GtpProcess("--playouts", "20");
        Assert.Equal(new GtpResponse(false, "8", "unknown command"), gtp.Ask("8 " + new string('\u56f2', 3000)));
        Assert.Equal(new GtpResponse(false, "9", "unknown command"), gtp.Ask("9 \u00e9t\u00e9 \ud83d\ude00"));
    }

    [Fact]
    public void EndOfInputEndsTheEngineCleanly()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        Assert.Equal("GoZero", gtp.Ok("name"));
        Assert.Equal(0, gtp.CloseAndWait());
    }

    [Fact]
    public void ALastLineWithoutItsLineFeedIsStillAnswered()
    {
        using var gtp = new GtpProcess("--playouts", "20");
        gtp.Write("5 name");
        gtp.CloseAndWait();
        Assert.Equal(new GtpResponse(true, "5", "GoZero"), gtp.ReadResponse());
    }
}
