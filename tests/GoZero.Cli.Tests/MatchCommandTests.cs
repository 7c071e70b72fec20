using System.Text.Json;
using GoZero.Cli.Commands;
using GoZero.SelfPlay;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class MatchCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-match-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    [Fact]
    public void RolloutAgainstItselfPrintsASummaryAndWritesTheGames()
    {
        string output = PathIn("m");
        var run = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--playouts", "16", "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("A = rollout-A, B = rollout-B", run.Output);
        Assert.Contains("game 2/2", run.Output);
        Assert.Contains("95% interval", run.Output);
        Assert.Equal(2, Directory.GetFiles(output, "*.sgf").Length);
    }

    [Fact]
    public void DisputesAreCleanedUpUnlessNoCleanupIsGiven()
    {
        bool Recorded(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(PathIn(name), "match.json")))
            .RootElement.GetProperty("options").GetProperty("cleanupDisputes").GetBoolean();
        Assert.Equal(0, CommandRun.Of("match", "rollout", "rollout", "--games", "1", "--size", "5", "--playouts", "8", "--out", PathIn("c")).ExitCode);
        Assert.Equal(0, CommandRun.Of("match", "rollout", "rollout", "--games", "1", "--size", "5", "--playouts", "8", "--no-cleanup", "--out", PathIn("n")).ExitCode);
        Assert.True(Recorded("c"));
        Assert.False(Recorded("n"));
    }

    [Fact]
    public void JsonSummaryHasTheCountsAndTheInterval()
    {
        var run = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--playouts", "16", "--out", PathIn("j"), "--json");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(2, json.GetProperty("games").GetInt32());
        Assert.Equal(2, json.GetProperty("a_wins").GetInt32() + json.GetProperty("b_wins").GetInt32() + json.GetProperty("draws").GetInt32());
        Assert.InRange(json.GetProperty("score_low").GetDouble(), 0, json.GetProperty("score").GetDouble());
    }

    [Fact]
    public void NetworkAgainstRolloutOnItsBoardSize()
    {
        string net = PathIn("n.gznet");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", net).ExitCode);
        var run = CommandRun.Of("match", net, "rollout", "--games", "2", "--playouts", "16", "--out", PathIn("nr"), "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("n.gznet", JsonDocument.Parse(run.Output).RootElement.GetProperty("a").GetString());
    }

    [Fact]
    public void RefereeWithTheOwnershipHeadJudgesAndOneWithoutIsRefused()
    {
        string heads = PathIn("heads.gzn"), plain = PathIn("plain.gzn"), other = PathIn("heads7.gzn");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--ownership-and-score", "--out", heads).ExitCode);
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", plain).ExitCode);
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "7", "--ownership-and-score", "--out", other).ExitCode);

        var judged = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--playouts", "8", "--referee", heads, "--out", PathIn("r"), "--json");
        Assert.Equal(0, judged.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(judged.Output).RootElement.GetProperty("games").GetInt32());
        // The games were refereed by the network: the match does not go on under the playouts.
        var otherReferee = CommandRun.Of("match", "rollout", "rollout", "--games", "4", "--size", "5", "--playouts", "8", "--out", PathIn("r"));
        Assert.Equal(1, otherReferee.ExitCode);
        Assert.Contains("referee: network ", otherReferee.Error);
        Assert.Contains("then, random playouts now", otherReferee.Error);

        var withoutHead = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--referee", plain, "--out", PathIn("r2"));
        Assert.Equal(2, withoutHead.ExitCode);
        Assert.Contains("has no ownership head", withoutHead.Error);
        var otherBoard = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--referee", other, "--out", PathIn("r3"));
        Assert.Equal(2, otherBoard.ExitCode);
        Assert.Contains("is a 7×7 network, the match is on 5×5", otherBoard.Error);
    }

    [Fact]
    public void MissingNetworkFileIsAnErrorNotACrash()
    {
        var run = CommandRun.Of("match", PathIn("missing.gznet"), "rollout", "--games", "2", "--out", PathIn("x"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.gznet", run.Error);
    }

    [Fact]
    public void NetworkOfAnotherSizeIsRefused()
    {
        string net = PathIn("n7.gznet");
        CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "7", "--out", net);
        var run = CommandRun.Of("match", net, "rollout", "--size", "9", "--out", PathIn("y"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("7×7 network", run.Error);
    }

    [Theory]
    [InlineData("--rules", "go-moku", "unknown rules")]
    [InlineData("--games", "0", "at least one game")]
    [InlineData("--move-timeout", "0", "move-timeout")]
    [InlineData("--sprt", "0", "--sprt")]
    [InlineData("--playouts", "0", "--playouts must be at least 1")]
    [InlineData("--playouts-b", "0", "--playouts-b must be at least 1")]
    [InlineData("--lambda", "1.5", "--lambda must be in [0, 1]")]
    [InlineData("--lambda-b", "-0.1", "--lambda-b must be in [0, 1]")]
    [InlineData("--threads", "0", "threads 0")]
    [InlineData("--batch", "0", "batch size 0")]
    [InlineData("--resign-threshold", "1.5", "resign threshold 1.5")]
    [InlineData("--komi", "NaN", "komi NaN")]
    [InlineData("--handicap", "1", "handicap")]
    [InlineData("--opening-moves", "-1", "opening moves")]
    [InlineData("--max-moves", "0", "move limit")]
    [InlineData("--size", "1", "board size 1")]
    public void BadOptionsAreExplainedWithExitCode2(string option, string value, string expected)
    {
        string size = option == "--size" ? value : "5";
        var run = CommandRun.Of("match", "rollout", "rollout", "--size", size, option == "--size" ? "--seed" : option, option == "--size" ? "1" : value, "--out", PathIn("z"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.False(Directory.Exists(PathIn("z"))); // refused before anything was written
    }

    [Theory]
    [InlineData("", "player A is empty")]
    [InlineData("gtp:", "names no program")]
    [InlineData("gtp:gnugo 'level", "player A")]
    public void BadPlayerIsABadArgument(string player, string expected)
    {
        var run = CommandRun.Of("match", player, "rollout", "--size", "5", "--out", PathIn("p"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("Parameter", run.Error);
    }

    [Fact]
    public void EmptyOutFolderIsABadArgument()
    {
        var run = CommandRun.Of("match", "rollout", "rollout", "--size", "5", "--out", "");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out is empty", run.Error);
    }

    [Fact]
    public void FolderGivenAsANetworkIsNamedAsSuch()
    {
        string notANetwork = PathIn("nets");
        Directory.CreateDirectory(notANetwork);
        var run = CommandRun.Of("match", notANetwork, "rollout", "--size", "5", "--out", PathIn("f"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{notANetwork}: a folder, not a file", run.Error);
        Assert.DoesNotContain("denied", run.Error);
    }

    [Fact]
    public void ExternalEngineThatCannotStartLosesEveryGame()
    {
        var run = CommandRun.Of("match", "rollout", "gtp:/nonexistent/engine --flag", "--games", "2", "--size", "5", "--playouts", "16", "--out", PathIn("e"), "--json");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(2, json.GetProperty("b_forfeits").GetInt32());
        Assert.Equal(2, json.GetProperty("a_wins").GetInt32());
    }

    [Fact]
    public void SprtStopsTheMatchOnceItDecides()
    {
        // Every game is a forfeit win for A; at 400 Elo a win adds ln(0.909/0.5) = 0.598 to the ratio, so the fifth
        // crosses ln 19 = 2.94 and the match stops there, 15 games short of --games.
        var run = CommandRun.Of("match", "rollout", "gtp:/nonexistent/engine", "--games", "20", "--size", "5", "--playouts", "16",
            "--sprt", "400", "--out", PathIn("s"), "--json");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(5, json.GetProperty("games").GetInt32());
        Assert.Equal("stronger", json.GetProperty("sprt_decision").GetString());
        Assert.InRange(json.GetProperty("sprt_llr").GetDouble(), Math.Log(19), 3.1);

        var again = CommandRun.Of("match", "rollout", "gtp:/nonexistent/engine", "--games", "20", "--size", "5", "--playouts", "16",
            "--sprt", "400", "--out", PathIn("s"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("→ A is stronger", again.Output);
        Assert.DoesNotContain("game 6/20", again.Output); // the decided match plays no more games when run again
    }

    [Fact]
    public void OneGameSweepIsShownAsABoundNotAsZero()
    {
        // B cannot start, so A wins the one game by forfeit: the Elo estimate is infinite and the interval open above.
        var run = CommandRun.Of("match", "rollout", "gtp:/nonexistent/engine", "--games", "1", "--size", "5", "--playouts", "16", "--out", PathIn("w"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Elo difference A − B: ≥ -23", run.Output);
        Assert.Contains("to +∞)", run.Output);

        var json = JsonDocument.Parse(CommandRun.Of("match", "rollout", "gtp:/nonexistent/engine", "--games", "1", "--size", "5",
            "--playouts", "16", "--out", PathIn("w"), "--json").Output).RootElement;
        Assert.Equal(JsonValueKind.Null, json.GetProperty("elo").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("elo_high").ValueKind);
        Assert.InRange(json.GetProperty("elo_low").GetDouble(), -240, -225);
    }

    [Fact]
    public void MatchOnAFolderInUseIsRefused()
    {
        string output = PathIn("busy");
        using var holder = FolderLock.Acquire(output, "gozero match");
        var run = CommandRun.Of("match", "rollout", "rollout", "--games", "1", "--size", "5", "--playouts", "16", "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{output} is in use by another gozero process", run.Error);
        Assert.Empty(Directory.GetFiles(output, "*.sgf"));
    }

    [Fact]
    public void ResumedMatchRemovesTheLedgerTemporaryOfAKilledOne()
    {
        string output = PathIn("killed");
        Assert.Equal(0, CommandRun.Of("match", "rollout", "rollout", "--games", "1", "--size", "5", "--playouts", "16", "--out", output).ExitCode);
        string stale = Path.Combine(output, ".match.json.k1ll3d.tmp"); // what a kill during the ledger's write leaves
        File.WriteAllText(stale, "");
        var run = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--playouts", "16", "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void ResumingWithOtherPlayoutsIsRefusedSayingWhichAndHow()
    {
        string output = PathIn("playouts");
        Assert.Equal(0, CommandRun.Of("match", "rollout", "rollout", "--games", "1", "--size", "5", "--playouts", "16", "--out", output).ExitCode);
        var run = CommandRun.Of("match", "rollout", "rollout", "--games", "2", "--size", "5", "--playouts", "32", "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("A's maxPlayouts 16 then, 32 now; B's maxPlayouts 16 then, 32 now", run.Error);
        Assert.Contains("use another folder", run.Error);
        Assert.Single(Directory.GetFiles(output, "*.sgf"));
    }

    [Fact]
    public void NetworkReplacedUnderTheSameNameIsRefused()
    {
        string net = PathIn("best.gznet"), other = PathIn("other.gznet"), output = PathIn("replaced");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "1", "--out", net).ExitCode);
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "2", "--out", other).ExitCode);
        Assert.Equal(0, CommandRun.Of("match", net, "rollout", "--games", "1", "--playouts", "16", "--out", output).ExitCode);
        File.Copy(other, net, overwrite: true);
        var run = CommandRun.Of("match", net, "rollout", "--games", "2", "--playouts", "16", "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("A's networkSha256", run.Error);
    }

    [Fact]
    public void NetworkWithMixedValueAgainstItselfRecordsLambdaAndRefusesAnotherOnResuming()
    {
        string net = PathIn("mix.gznet"), output = PathIn("lambda");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", net).ExitCode);
        string[] match = ["match", net, net, "--playouts", "16", "--lambda", "0.5", "--lambda-b", "0", "--out", output];
        var run = CommandRun.Of([.. match, "--games", "2"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("game 2/2", run.Output);
        string ledger = File.ReadAllText(Path.Combine(output, "match.json"));
        Assert.Contains("\"lambda\": \"0.5\"", ledger);
        Assert.Contains("\"rolloutsPerLeaf\": \"8\"", ledger);

        var other = CommandRun.Of("match", net, net, "--playouts", "16", "--lambda", "0.25", "--lambda-b", "0", "--out", output, "--games", "4");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("A's lambda 0.5 then, 0.25 now", other.Error);
        var plain = CommandRun.Of("match", net, net, "--playouts", "16", "--out", output, "--games", "4");
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("A's lambda 0.5 then, none now", plain.Error);
    }

    [Fact]
    public void OtherSearchSettingsOrKomiAreRefused()
    {
        string output = PathIn("settings");
        string[] match = ["match", "rollout", "rollout", "--size", "5", "--playouts", "16", "--out", output];
        Assert.Equal(0, CommandRun.Of([.. match, "--games", "1"]).ExitCode);
        foreach (var (option, value, expected) in new[]
                 {
                     ("--threads", "2", "A's threads 1 then, 2 now"), ("--batch", "4", "A's batchSize 8 then, 4 now"),
                     ("--resign-threshold", "0.1", "A's resignThreshold 0.05 then, 0.1 now"), ("--komi", "6.5", "rules.komi 7.5 then, 6.5 now"),
                     ("--playouts-b", "17", "B's maxPlayouts 16 then, 17 now"),
                     ("--lcb", "off", "A's lcbSelection true then, false now"), ("--lcb-b", "off", "B's lcbSelection true then, false now"),
                 })
        {
            var run = CommandRun.Of([.. match, "--games", "2", option, value]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(expected, run.Error);
        }
    }

    [Theory]
    [InlineData("gnugo --mode gtp --level 1", new[] { "gnugo", "--mode", "gtp", "--level", "1" })]
    [InlineData("  leelaz  -g   -w 'my net.gz' ", new[] { "leelaz", "-g", "-w", "my net.gz" })]
    [InlineData("engine \"a b\"c", new[] { "engine", "a bc" })]
    [InlineData("''", new[] { "" })]
    public void CommandLinesSplitLikeAShell(string text, string[] words) => Assert.Equal(words, CommandLineWords.Split(text));

    [Fact]
    public void UnclosedQuoteIsAnError() => Assert.Throws<FormatException>(() => CommandLineWords.Split("gnugo 'level"));

    [Fact]
    [Trait("Category", "External")]
    public void MatchAgainstGnuGoIsPlayedToTheEnd()
    {
        string gnugo = File.Exists("/usr/games/gnugo") ? "/usr/games/gnugo" : "gnugo";
        var run = CommandRun.Of("match", "rollout", $"gtp:{gnugo} --mode gtp --level 1", "--games", "2", "--size", "9", "--playouts", "64", "--out", PathIn("g"), "--json");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(0, json.GetProperty("b_forfeits").GetInt32() + json.GetProperty("a_forfeits").GetInt32());
        Assert.Equal(2, Directory.GetFiles(PathIn("g"), "*.sgf").Length);
    }
}
