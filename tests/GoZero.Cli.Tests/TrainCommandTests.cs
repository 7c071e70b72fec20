using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-train-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private string ToyConfig(string learningRate = "0.02")
    {
        string path = PathIn("toy.json");
        File.WriteAllText(path, $$"""
            { "boardSize": 5, "blocks": 1, "filters": 8, "selfPlayPlayouts": 12, "gamesAtOnce": 4, "gamesPerChunk": 2,
              "minimumGames": 4, "gamesPerGeneration": 4, "stepsPerGeneration": 5, "trainingBatch": 16, "windowSamples": 1000,
              "gatingGames": 2, "gatingPlayouts": 8, "learningRate": "{{learningRate}}" }
            """);
        return path;
    }

    [Fact]
    public void ADivergingCandidateStopsTheRunInWordsAndLeavesNoCandidate()
    {
        string run = PathIn("run");

        var train = CommandRun.Of("train", "--run", run, "--config", ToyConfig("1e30"), "--generations", "1");

        Assert.Equal(1, train.ExitCode);
        Assert.Matches(@"^error: training diverged at step \d+ \(the loss (after its update )?is not finite\) while training candidate 1: ", train.Error);
        Assert.Contains($"lower learningRate in {Path.Combine(run, "config.json")} (it is 1e30) and run again; nothing of the candidate was saved", train.Error);
        Assert.DoesNotContain("   at ", train.Error);
        Assert.Equal(["generation-0000.gzn"], Directory.GetFiles(Path.Combine(run, "networks")).Select(Path.GetFileName));
    }

    [Fact]
    public void AConfigOfAnchorSettingsAloneGivesAnExistingRunAnAnchorAndABrokenAnchorIsAnErrorInWords()
    {
        string run = PathIn("run");
        Assert.Equal(0, CommandRun.Of("train", "--run", run, "--config", ToyConfig(), "--generations", "1").ExitCode);
        string anchor = PathIn("anchor.json");
        File.WriteAllText(anchor, """{ "anchorEngine": "/nonexistent/gnugo --mode gtp --level 10", "anchorInterval": 1, "anchorGames": 2 }""");

        var train = CommandRun.Of("train", "--run", run, "--config", anchor, "--generations", "1");

        Assert.Equal(1, train.ExitCode);
        Assert.StartsWith("error: the anchor engine 'gnugo --mode gtp --level 10' does not answer GTP", train.Error);
        Assert.DoesNotContain("   at ", train.Error);
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))).RootElement;
        Assert.Equal("/nonexistent/gnugo --mode gtp --level 10", config.GetProperty("anchorEngine").GetString());
        Assert.Equal(5, config.GetProperty("boardSize").GetInt32());
        // Any other setting in the file is still refused on a run that exists.
        File.WriteAllText(anchor, """{ "anchorGames": 4, "filters": 16 }""");
        Assert.Contains("other settings", CommandRun.Of("train", "--run", run, "--config", anchor, "--generations", "1").Error);
    }

    [Fact]
    public void TrainOnARunFolderInUseIsRefusedAndWritesNothing()
    {
        string run = PathIn("busy");
        using (SelfPlay.FolderLock.Acquire(run, "gozero train"))
        {
            var train = CommandRun.Of("train", "--run", run, "--config", ToyConfig(), "--generations", "1");
            Assert.Equal(1, train.ExitCode);
            Assert.Contains($"{run} is in use by another gozero process", train.Error);
            Assert.Equal([Path.Combine(run, SelfPlay.FolderLock.FileName)], Directory.GetFiles(run, "*", SearchOption.AllDirectories));
            // Opening a folder that is no run yet starts one there, so printing its settings waits for the lock too.
            Assert.Equal(1, CommandRun.Of("train", "--run", run, "--config", ToyConfig(), "--show-config").ExitCode);
        }
        Assert.Equal(0, CommandRun.Of("train", "--run", run, "--config", ToyConfig(), "--generations", "1").ExitCode); // free once the holder is gone
    }

    [Fact]
    public void TrainRunsGenerationsThenReportDrawsThem()
    {
        string run = PathIn("run");
        var train = CommandRun.Of("train", "--run", run, "--config", ToyConfig(), "--generations", "2");
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("generation 2:", train.Output);
        Assert.Contains("stopped: 2 generations", train.Output);

        var report = CommandRun.Of("report", "--run", run);
        Assert.Equal(0, report.ExitCode);
        string html = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(4, html.Split("<svg").Length - 1);
        Assert.Contains("Elo by generation", html);
        Assert.DoesNotContain("<script", html);

        string charts = PathIn("charts");
        Assert.Equal(0, CommandRun.Of("report", "--run", run, "--out", PathIn("r.html"), "--charts", charts).ExitCode);
        string[] files = Directory.GetFiles(charts).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(["elo.svg", "false-resignations.svg", "games-per-hour.svg", "loss.svg"], files);
        var elo = System.Xml.Linq.XDocument.Load(Path.Combine(charts, "elo.svg")); // a standalone SVG is well-formed XML
        Assert.Equal("svg", elo.Root!.Name.LocalName);
        Assert.Contains(elo.Root.Descendants(), e => e.Name.LocalName == "polyline");
    }

    /// <summary>Issue 15's reinforcement step: the loop starts from a given network (the supervised one) as its
    /// generation 0, takes its shape, and continues with the same command; another network is refused.</summary>
    [Fact]
    public void ARunStartsFromAGivenNetworkAndContinuesWithTheSameCommand()
    {
        string start = PathIn("start.gzn"), other = PathIn("other.gzn"), run = PathIn("run");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "3", "--out", start).ExitCode);
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "4", "--out", other).ExitCode);

        var shown = CommandRun.Of("train", "--run", PathIn("not-yet"), "--from", start, "--show-config");
        Assert.Equal(0, shown.ExitCode);
        var json = JsonDocument.Parse(shown.Output).RootElement;
        Assert.Equal((5, 1, 8), (json.GetProperty("boardSize").GetInt32(), json.GetProperty("blocks").GetInt32(), json.GetProperty("filters").GetInt32()));

        var first = CommandRun.Of("train", "--run", run, "--from", start, "--config", ToyConfig(), "--generations", "1");
        Assert.Equal(0, first.ExitCode);
        var generation0 = CommandRun.Of("net", "info", Path.Combine(run, "networks", "generation-0000.gzn"));
        Assert.Contains("generation 0: " + start, generation0.Output);
        Assert.Contains("parent: start.gzn ", generation0.Output);
        Assert.Equal(0, CommandRun.Of("train", "--run", run, "--from", start, "--generations", "2").ExitCode);
        Assert.Contains("stopped: 2 generations", CommandRun.Of("train", "--run", run, "--generations", "2").Output);

        var refused = CommandRun.Of("train", "--run", run, "--from", other, "--generations", "3");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("started from another network than " + other, refused.Error);

        string big = PathIn("big.gzn");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "2", "--filters", "8", "--board", "5", "--out", big).ExitCode);
        var mismatch = CommandRun.Of("train", "--run", PathIn("run2"), "--from", big, "--config", ToyConfig());
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("sets a 5x5 1x8 network, but --from", mismatch.Error);
    }

    [Fact]
    public void OwnershipAndScoreGivesANewRunsNetworksTheHeads()
    {
        var run = CommandRun.Of("train", "--run", PathIn("heads"), "--ownership-and-score", "--show-config");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.True(json.GetProperty("ownershipAndScore").GetBoolean());
        Assert.Equal(1.5, json.GetProperty("ownershipWeight").GetDouble());
        Assert.Equal(0.02, json.GetProperty("scoreWeight").GetDouble());
        var plain = JsonDocument.Parse(CommandRun.Of("train", "--run", PathIn("plain"), "--preset", "9x9-alphago-zero", "--show-config").Output).RootElement;
        Assert.False(plain.GetProperty("ownershipAndScore").GetBoolean());
        Assert.False(plain.GetProperty("gumbelRoot").GetBoolean());
    }

    /// <summary>A network trained without the heads (the supervised 19×19 one) starts a run that has them: its
    /// generation 0 is that network with new heads, and the same command continues the run.</summary>
    [Fact]
    public void ARunWithTheHeadsStartsFromANetworkWithoutThemByAddingThem()
    {
        string start = PathIn("plain.gzn"), run = PathIn("grown");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "3", "--out", start).ExitCode);
        var first = CommandRun.Of("train", "--run", run, "--from", start, "--config", ToyConfig(), "--ownership-and-score", "--generations", "1");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("has no ownership and score heads", first.Output);
        var info = CommandRun.Of("net", "info", Path.Combine(run, "networks", "generation-0000.gzn"));
        Assert.Contains("heads: policy, value, ownership, score", info.Output);
        Assert.Contains("parent: plain.gzn ", info.Output);
        // The same command, and the command without the flag, continue it: the new heads are the same every time.
        Assert.Equal(0, CommandRun.Of("train", "--run", run, "--from", start, "--ownership-and-score", "--generations", "2").ExitCode);
        Assert.Equal(0, CommandRun.Of("train", "--run", run, "--from", start, "--generations", "2").ExitCode);
    }

    [Fact]
    public void ARunFromAPoolingNetworkKeepsItsGlobalPooling()
    {
        string start = PathIn("pool.gzn");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "2", "--filters", "8", "--board", "5", "--pooling-interval", "2", "--pooled-channels", "3", "--out", start).ExitCode);
        var shown = CommandRun.Of("train", "--run", PathIn("pool-run"), "--from", start, "--show-config");
        Assert.True(shown.ExitCode == 0, shown.Error);
        var json = JsonDocument.Parse(shown.Output).RootElement;
        Assert.Equal((2, 3), (json.GetProperty("globalPoolingInterval").GetInt32(), json.GetProperty("globalPoolingChannels").GetInt32()));
        var plain = JsonDocument.Parse(CommandRun.Of("train", "--run", PathIn("plain-run"), "--show-config").Output).RootElement;
        Assert.Equal(0, plain.GetProperty("globalPoolingInterval").GetInt32());
    }

    [Fact]
    public void ShowConfigPrintsThePresetWithTheFileApplied()
    {
        var run = CommandRun.Of("train", "--run", PathIn("new"), "--preset", "19x19", "--show-config");
        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(19, json.GetProperty("boardSize").GetInt32());
        Assert.Equal(1600, json.GetProperty("selfPlayPlayouts").GetInt32());
        Assert.False(Directory.Exists(PathIn("new")));
    }

    [Theory]
    [InlineData("--preset", "13x13", "unknown preset")]
    [InlineData("--hours", "-1", "--hours")]
    [InlineData("--config", "/nonexistent/c.json", "c.json")]
    public void BadArgumentsAreExplained(string option, string value, string expected)
    {
        var run = CommandRun.Of("train", "--run", PathIn("r"), option, value);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void ReportOfAFolderThatIsNoRunIsAnError()
    {
        var run = CommandRun.Of("report", "--run", folder);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a training run", run.Error);
    }

    [Fact]
    public void SelfPlayWritesGamesAndData()
    {
        string net = PathIn("n.gznet");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", net).ExitCode);
        var run = CommandRun.Of("selfplay", "--net", net, "--games", "4", "--out", PathIn("sp"), "--playouts", "12", "--games-at-once", "2", "--games-per-chunk", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 games in", run.Output);
        Assert.Equal(4, Directory.GetFiles(PathIn("sp/games"), "*.sgf").Length);
        Assert.Equal(2, Directory.GetFiles(PathIn("sp/data"), "*.chunk").Length);
    }

    [Fact]
    public void SelfPlayWithAMissingNetworkIsAnError()
    {
        var run = CommandRun.Of("selfplay", "--net", PathIn("none.gznet"), "--games", "1", "--out", PathIn("sp"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("none.gznet", run.Error);
    }
}
