using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>The run's matches against an outside anchor engine (issue 20), at toy scale against the test engine.</summary>
public sealed class AnchorMatchTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-anchor-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static string FakeEngineCommand => $"'{FakeEngine.DotnetHost}' '{FakeEngine.DllPath}'";

    private static readonly TrainingRunConfig Anchored = ToyRun.Config with
    {
        AnchorEngine = FakeEngineCommand, AnchorInterval = 1, AnchorGames = 2, AnchorPlayouts = 4,
    };

    [Fact]
    public async Task TheBestNetworkPlaysTheAnchorAfterEachIntervalAndTheLedgerRecordsIt()
    {
        var run = new TrainingRun(folder, Anchored with { AnchorInterval = 2 });
        var statuses = new List<TrainingRunStatus>();
        await run.RunAsync(null, maxGenerations: 2, s => { lock (statuses) statuses.Add(s); }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Null(run.Ledger[0].AnchorGames);
        var record = run.Ledger[1];
        Assert.Equal(2, record.AnchorGames);
        Assert.Equal(2, record.AnchorWins + record.AnchorLosses + record.AnchorDraws);
        Assert.Equal("dotnet fake-gtp-engine.dll", record.AnchorEngine!.Replace(Path.GetFileName(FakeEngine.DotnetHost), "dotnet"));
        var summary = new MatchSummary(2, record.AnchorWins!.Value, record.AnchorLosses!.Value, record.AnchorDraws!.Value, 0, 0);
        Assert.Equal(summary.Score, record.AnchorScore);
        Assert.Equal(summary.ScoreInterval.Low, record.AnchorScoreLow);
        Assert.Equal(summary.EloDifference, record.AnchorElo);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "anchor", "after-generation-0002"), "*.sgf").Length);
        Assert.False(Directory.Exists(Path.Combine(folder, "anchor", "after-generation-0001")));
        Assert.Equal(run.Ledger, TrainingRun.ReadLedger(new RunLayout(folder)));
        Assert.Contains(statuses, s => s.Phase.StartsWith("anchor: generation", StringComparison.Ordinal));
        Assert.Equal(record, statuses[^1].LastAnchor);
    }

    [Fact]
    public async Task AnExistingRunTakesAnchorSettingsAndPlaysTheMatchItsLastGenerationOwes()
    {
        await new TrainingRun(folder, ToyRun.Config).RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Null(Assert.Single(new TrainingRun(folder).Ledger).AnchorGames);

        // Only the anchor settings may differ from the run's; they are written into its config.
        var resumed = new TrainingRun(folder, ToyRun.Config.WithAnchorOf(Anchored));
        Assert.Equal(Anchored, TrainingRunConfig.Load(Path.Combine(folder, "config.json")));
        // The run has its one generation, but still owes that generation's anchor match.
        await resumed.RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(2, Assert.Single(resumed.Ledger).AnchorGames);
        Assert.Throws<InvalidDataException>(() => new TrainingRun(folder, Anchored with { Filters = 16 }));
    }

    [Fact]
    public async Task AnAnchorStoppedHalfWayResumesItsMatchInsteadOfStartingAgain()
    {
        var run = new TrainingRun(folder, Anchored with { AnchorGames = 4 });
        using var stop = new CancellationTokenSource();
        // Stop the run as soon as the anchor match has its first game.
        await run.RunAsync(null, 1, s => { if (s.Phase.Contains("after 1 of 4", StringComparison.Ordinal)) stop.Cancel(); }, stop.Token)
            .WaitAsync(TimeSpan.FromMinutes(3));
        var matchFolder = Path.Combine(folder, "anchor", "after-generation-0001");
        int played = Directory.GetFiles(matchFolder, "*.sgf").Length;
        Assert.InRange(played, 1, 3);
        Assert.Null(Assert.Single(run.Ledger).AnchorGames);
        var firstGame = File.ReadAllText(Path.Combine(matchFolder, MatchLayout.GameFileName(1)));

        var resumed = new TrainingRun(folder);
        await resumed.RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(4, Assert.Single(resumed.Ledger).AnchorGames);
        Assert.Equal(firstGame, File.ReadAllText(Path.Combine(matchFolder, MatchLayout.GameFileName(1))));
    }

    [Fact]
    public async Task AnAnchorThatDoesNotStartStopsTheRunInsteadOfForfeitingItsGames()
    {
        var run = new TrainingRun(folder, Anchored with { AnchorEngine = "/nonexistent/gnugo --mode gtp" });
        var error = await Assert.ThrowsAsync<IOException>(() => run.RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3)));
        Assert.Contains("anchor engine 'gnugo --mode gtp'", error.Message);
        Assert.Null(Assert.Single(TrainingRun.ReadLedger(new RunLayout(folder))).AnchorGames);
        Assert.False(Directory.Exists(Path.Combine(folder, "anchor", "after-generation-0001")));
    }

    [Theory]
    [InlineData("", "names no program")]
    [InlineData("gnugo 'level", "unclosed")]
    public void AnAnchorEngineThatNamesNoProgramIsRefused(string engine, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => (ToyRun.Config with { AnchorEngine = engine }).Validated());
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void AnchorIntervalGamesAndPlayoutsMustBePositive()
    {
        Assert.Throws<ArgumentException>(() => (Anchored with { AnchorInterval = 0 }).Validated());
        Assert.Throws<ArgumentException>(() => (Anchored with { AnchorGames = 0 }).Validated());
        Assert.Throws<ArgumentException>(() => (Anchored with { AnchorPlayouts = 0 }).Validated());
        Assert.Null(TrainingRunConfig.Preset9x9.AnchorEngine);
    }

    [Fact]
    public void AnchorSettingsSurviveTheConfigFile()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "anchor.json");
        File.WriteAllText(path, """{ "anchorEngine": "gnugo --mode gtp --level 10", "anchorInterval": 5, "anchorGames": 30 }""");
        var config = TrainingRunConfig.Load(path);
        var (program, arguments) = config.AnchorCommand!.Value;
        Assert.Equal("gnugo", program);
        Assert.Equal(["--mode", "gtp", "--level", "10"], arguments);
        Assert.Equal((5, 30, (int?)null), (config.AnchorInterval, config.AnchorGames, config.AnchorPlayouts));
        Assert.Equal(config, TrainingRunConfig.Load(WriteAndReturn(Path.Combine(folder, "again.json"), config.ToJson())));
    }

    private static string WriteAndReturn(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
