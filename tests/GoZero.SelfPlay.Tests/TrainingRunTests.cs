using GoZero.Mcts;
using GoZero.Network;
using GoZero.Network.Training;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>The whole loop at toy scale: a few games on 5×5, a few steps, one or two gatings.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static readonly TrainingRunConfig Toy = ToyRun.Config;

    [Fact]
    public async Task OneGenerationTrainsACandidateGatesItAndRecordsIt()
    {
        var run = new TrainingRun(folder, Toy);
        var statuses = new List<TrainingRunStatus>();
        await run.RunAsync(null, maxGenerations: 1, s => { lock (statuses) statuses.Add(s); }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        var record = Assert.Single(run.Ledger);
        Assert.Equal(1, record.Generation);
        Assert.Equal(5, record.TrainingSteps);
        Assert.Equal(2, record.GatingGames);
        Assert.Equal(2, record.GatingWins + record.GatingLosses + record.GatingDraws);
        Assert.True(record.SelfPlayGames >= 4);
        Assert.True(double.IsFinite(record.TotalLoss) && record.TotalLoss > 0);
        Assert.Equal(record.Promoted ? 1 : 0, run.BestGeneration);

        var candidate = Checkpoint.Load(Path.Combine(folder, "networks", "candidate-0001.gzn"));
        Assert.Equal(5, candidate.Metadata.TrainingSteps);
        Assert.NotEmpty(candidate.OptimizerState);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "gating", "candidate-0001"), "*.sgf").Length);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "data"), "*.chunk"));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "data"), "*.part"));
        Assert.Equal(Toy, TrainingRunConfig.Load(Path.Combine(folder, "config.json")));
        Assert.Equal(record, Assert.Single(TrainingRun.ReadLedger(new RunLayout(folder))));
        Assert.Contains(statuses, s => s.Phase.StartsWith("gating", StringComparison.Ordinal) || s.Last is not null);
    }

    [Fact]
    public async Task SequentialGatingStopsWhenTheTestDecidesAndPromotesByIt()
    {
        // At 400 Elo a game moves the ratio by +0.60 or -1.70: a toy gating decides within a few of its 12 games.
        var config = Toy with { GatingGames = 12, GatingSprtElo = 400 };
        var run = new TrainingRun(folder, config);
        await run.RunAsync(null, maxGenerations: 2, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        var sprt = config.Sprt!;
        foreach (var record in run.Ledger)
        {
            var summary = new MatchSummary(record.GatingGames, record.GatingWins, record.GatingLosses, record.GatingDraws, 0, 0);
            var decision = sprt.Decide(summary);
            Assert.Equal(sprt.LogLikelihoodRatio(summary), record.GatingLogLikelihoodRatio!.Value, 9);
            if (decision == SprtDecision.Continue)
            {
                Assert.Equal(12, record.GatingGames);
                Assert.Equal(record.GatingScore >= config.PromotionThreshold, record.Promoted);
            }
            else
            {
                // Decided at the game that crossed a bound, not one game later.
                Assert.Equal(SprtDecision.Continue, sprt.Decide(WithoutLastGame(Path.Combine(folder, "gating", $"candidate-{record.Generation:D4}"))));
                Assert.Equal(decision == SprtDecision.Stronger, record.Promoted);
            }
        }
    }

    [Fact]
    public async Task AThresholdOfZeroPromotesEveryCandidate()
    {
        // AlphaZero's always-latest network: whatever the two gating games say, each candidate becomes the best.
        var run = new TrainingRun(folder, Toy with { PromotionThreshold = 0 });
        await run.RunAsync(null, maxGenerations: 2, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, run.Ledger.Count);
        Assert.All(run.Ledger, record => Assert.True(record.Promoted));
        Assert.Equal(2, run.BestGeneration);
        Assert.Equal(1, run.Ledger[1].OpponentGeneration);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void APromotionThresholdOutsideZeroToOneIsRefused(double threshold) =>
        Assert.Contains("promotion threshold must be in [0, 1]", Assert.Throws<ArgumentException>(() => (Toy with { PromotionThreshold = threshold }).Validated()).Message);

    /// <summary>The gating match's summary without its last game, from its ledger.</summary>
    private static MatchSummary WithoutLastGame(string matchFolder)
    {
        var json = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };
        var games = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(matchFolder, MatchLayout.LedgerFileName)))
            .RootElement.GetProperty("games").EnumerateArray()
            .Select(game => System.Text.Json.JsonSerializer.Deserialize<MatchGameRecord>(game, json)!).ToList();
        return MatchSummary.Of(games.SkipLast(1));
    }

    [Fact]
    public async Task RunContinuesFromItsFolder()
    {
        await new TrainingRun(folder, Toy).RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        var resumed = new TrainingRun(folder);
        Assert.Equal(Toy, resumed.Config);
        await resumed.RunAsync(null, 2, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal([1, 2], resumed.Ledger.Select(r => r.Generation));
        Assert.Equal(10, resumed.Ledger[1].TrainingSteps);
        Assert.True(resumed.Ledger[1].WallSeconds >= resumed.Ledger[0].WallSeconds);
    }

    [Fact]
    public async Task GamesAnotherProducerDeliveredCountTowardsTheNextCandidate()
    {
        // This machine's self-play keeps its games in memory until a chunk of 1,000 is full (or the run stops): the four
        // games needed come from elsewhere, delivered as RunLayout says — chunk first, then the SGFs — beside a game
        // left half-written.
        var config = Toy with { GamesPerChunk = 1000 };
        var run = new TrainingRun(folder, config);
        var layout = run.Layout;
        using (var elsewhere = new TemporaryFolder())
        {
            var remote = new RunLayout(elsewhere.Path);
            using (var writer = new SelfPlayWriter(remote, config.BoardSize, gamesPerChunk: 4))
                for (long id = 1000; id < 1004; id++)
                    writer.Write(SelfPlayGame.Play(id, new RolloutEvaluator(1, seed: 2), config.SelfPlay with { Playouts = 8 }, (ulong)id));
            Directory.CreateDirectory(layout.DataFolder);
            Directory.CreateDirectory(layout.GamesFolder);
            File.Copy(remote.ChunkPath(1), Path.Combine(layout.DataFolder, "remote-000001.chunk"));
            File.WriteAllText(Path.Combine(layout.GamesFolder, ".00001004.sgf.k1ll3d.tmp"), "(;GM[1]");
            for (long id = 1000; id < 1004; id++) File.Copy(remote.GamePath(id), layout.GamePath(id));
        }

        await run.RunAsync(null, maxGenerations: 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        var record = Assert.Single(run.Ledger);
        Assert.Equal(4, record.SelfPlayGames);
        Assert.Equal(4, Checkpoint.Load(layout.NetworkPath(1)).Metadata.GamesSeen);
        // Stopping wrote this machine's games: the run counts both, and so does a run that resumes it.
        Assert.Equal(4 + SelfPlayWriter.ReadStatistics(layout).Games, new TrainingRun(folder).Layout.CountGames());
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("gozero-producer-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    [Fact]
    public void FolderOfAnotherRunRefusesOtherSettings()
    {
        _ = new TrainingRun(folder, Toy);
        var error = Assert.Throws<InvalidDataException>(() => new TrainingRun(folder, Toy with { Filters = 16 }));
        Assert.Contains("other settings", error.Message);
    }

    [Fact]
    public async Task CandidateLeftByAKilledRunIsGatedWithoutRetraining()
    {
        // A run killed after saving candidate 1 but before its gating ended: the next start gates it as it is.
        var run = new TrainingRun(folder, Toy);
        var random = Checkpoint.Load(Path.Combine(folder, "networks", "generation-0000.gzn"));
        new Checkpoint(random.Weights, random.Metadata with { Generation = 1, TrainingSteps = 3 }).Save(Path.Combine(folder, "networks", "candidate-0001.gzn"));
        await run.RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        var record = Assert.Single(run.Ledger);
        Assert.Equal(3, record.TrainingSteps);
        Assert.True(double.IsNaN(record.TotalLoss)); // no training record beside it: its losses are unknown, not made up
    }

    [Fact]
    public async Task CandidateLeftByAKilledRunKeepsItsLossesAndTrainingTime()
    {
        var run = new TrainingRun(folder, Toy);
        var random = Checkpoint.Load(Path.Combine(folder, "networks", "generation-0000.gzn"));
        string candidate = Path.Combine(folder, "networks", "candidate-0001.gzn");
        new CandidateTraining(123, 4.5, 3.5, 1.0, TrainingSeconds: 60, RunSeconds: 3600).Save(run.Layout.TrainingRecordPath(1));
        new Checkpoint(random.Weights, random.Metadata with { Generation = 1, TrainingSteps = 3 }).Save(candidate);

        await run.RunAsync(null, 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        var record = Assert.Single(run.Ledger);
        Assert.Equal((123, 4.5, 3.5, 1.0, 60.0), (record.WindowSamples, record.TotalLoss, record.PolicyLoss, record.ValueLoss, record.TrainingSeconds));
        Assert.True(record.WallSeconds >= 3600, $"run time {record.WallSeconds} s lost the candidate's training time");
    }

    [Fact]
    public void CorruptTrainingRecordReadsAsUnknown()
    {
        Directory.CreateDirectory(folder);
        var layout = new RunLayout(folder);
        Directory.CreateDirectory(layout.NetworksFolder);
        File.WriteAllText(layout.TrainingRecordPath(1), "{ not json");
        Assert.Equal(CandidateTraining.Unknown, CandidateTraining.Load(layout.TrainingRecordPath(1)));
        Assert.Equal(CandidateTraining.Unknown, CandidateTraining.Load(layout.TrainingRecordPath(2)));
    }

    [Fact]
    public void CorruptLedgerLineIsNamed()
    {
        _ = new TrainingRun(folder, Toy);
        File.WriteAllText(Path.Combine(folder, "ledger.jsonl"), "{\"generation\": 1}\n{oops\n");
        var error = Assert.Throws<InvalidDataException>(() => new TrainingRun(folder));
        Assert.EndsWith("ledger.jsonl, line 2: not a generation record: it is not JSON (line 1, byte 2)", error.Message);
    }

    [Fact]
    public async Task ARunWithTheHeadsTrainsNetworksWithThemAndRecordsTheirLosses()
    {
        var config = Toy with { OwnershipAndScore = true, OwnershipWeight = 1.0, ScoreWeight = 0.05 };
        Assert.True(config.Shape.AuxiliaryHeads);
        Assert.Equal(1.0, config.Training.OwnershipWeight);
        Assert.Equal(0.05, config.Training.ScoreWeight);
        var run = new TrainingRun(folder, config);
        var statuses = new List<TrainingRunStatus>();
        await run.RunAsync(null, maxGenerations: 1, s => { lock (statuses) statuses.Add(s); }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        var record = Assert.Single(run.Ledger);
        Assert.True(record.OwnershipLoss is >= 0 && double.IsFinite(record.OwnershipLoss.Value));
        Assert.True(record.ScoreLoss is >= 0 && double.IsFinite(record.ScoreLoss.Value));
        Assert.Equal(record, Assert.Single(TrainingRun.ReadLedger(new RunLayout(folder))));
        Assert.True(Checkpoint.Load(Path.Combine(folder, "networks", "candidate-0001.gzn")).Weights.Shape.AuxiliaryHeads);
        Assert.True(Checkpoint.Load(Path.Combine(folder, "networks", "generation-0000.gzn")).Weights.Shape.AuxiliaryHeads);
        Assert.Equal(config, TrainingRunConfig.Load(Path.Combine(folder, "config.json")));
        lock (statuses) Assert.Contains(statuses, s => s.OwnershipLoss is not null);
    }

    [Fact]
    public void ARunsConfigWithoutTheHeadsSettingsIsTheDefaultsOnes()
    {
        // config.json of a run begun before the setting existed: no heads, no Gumbel search, net train's weights —
        // what every 9×9 run had then, not what the 9×9 preset has today.
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "c.json");
        File.WriteAllText(path, "{ \"preset\": \"9x9\" }");
        var config = TrainingRunConfig.LoadSaved(path);
        Assert.False(config.OwnershipAndScore);
        Assert.False(config.Shape.AuxiliaryHeads);
        Assert.False(config.GumbelRoot);
        Assert.Equal(TrainingOptions.DefaultOwnershipWeight, config.OwnershipWeight);
        Assert.Equal(TrainingOptions.DefaultScoreWeight, config.ScoreWeight);
        Assert.Equal(TrainingRunConfig.AlphaGoZero9x9 with { Preset = "9x9" }, config);
        File.WriteAllText(path, "{ \"preset\": \"19x19\" }");
        Assert.Equal(TrainingRunConfig.Preset19x19, TrainingRunConfig.LoadSaved(path));
        File.WriteAllText(path, "{ \"ownershipAndScore\": true, \"ownershipWeight\": -1 }");
        Assert.Throws<ArgumentException>(() => TrainingRunConfig.Load(path).Validated());
    }

    [Fact]
    public void TheNineByNinePresetIsGumbelsSearchWithTheHeadsAndTheOldOneKeepsItsName()
    {
        // Issue 19: two hours of these settings beat two hours of AlphaGo Zero's recipe 100–0 on 9×9.
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "c.json");
        File.WriteAllText(path, "{ \"preset\": \"9x9\" }");
        var preset = TrainingRunConfig.Load(path).Validated();
        Assert.Equal(TrainingRunConfig.Preset9x9, preset);
        Assert.True(preset.OwnershipAndScore && preset.Shape.AuxiliaryHeads);
        Assert.True(preset.SelfPlay.SearchOptionsFor(1) is { GumbelRoot: true, GumbelConsideredMoves: 16, DirichletNoise: false });
        Assert.Equal(32, preset.SelfPlayPlayouts);
        Assert.Equal((0.0, 2), (preset.PromotionThreshold, preset.GatingGames));
        var alphaGoZero = TrainingRunConfig.ForPreset("9x9-alphago-zero").Validated();
        Assert.Equal(new TrainingRunConfig() with { Preset = "9x9-alphago-zero" }, alphaGoZero);
        Assert.False(alphaGoZero.OwnershipAndScore || alphaGoZero.GumbelRoot);
        Assert.Equal(100, alphaGoZero.SelfPlayPlayouts);
    }

    [Fact]
    public void GlobalPoolingInTheConfigShapesTheRunsNetworks()
    {
        var pooled = TrainingRunConfig.Preset9x9 with { GlobalPoolingInterval = 2 };
        Assert.Equal((2, NetworkShape.DefaultPooledChannels(pooled.Filters)), (pooled.Shape.GlobalPoolingInterval, pooled.Shape.GlobalPoolingChannels));
        Assert.Equal(5, (pooled with { GlobalPoolingChannels = 5 }).Shape.GlobalPoolingChannels);
        Assert.False(TrainingRunConfig.Preset9x9.Shape.GlobalPooling);
        Assert.Throws<ArgumentException>(() => (TrainingRunConfig.Preset9x9 with { GlobalPoolingInterval = 9 }).Validated());
        Assert.Throws<ArgumentException>(() => (TrainingRunConfig.Preset9x9 with { GlobalPoolingChannels = 4 }).Validated());
    }

    [Fact]
    public void ConfigFileOverridesThePresetAndRejectsUnknownKeys()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "c.json");
        File.WriteAllText(path, "{ \"preset\": \"19x19\", \"gatingGames\": 10 }");
        var config = TrainingRunConfig.Load(path);
        Assert.Equal(19, config.BoardSize);
        Assert.Equal(10, config.GatingGames);
        Assert.Equal(TrainingRunConfig.Preset19x19.Filters, config.Filters);
        File.WriteAllText(path, "{ \"gatingGamez\": 10 }");
        Assert.Contains("gatingGamez", Assert.Throws<InvalidDataException>(() => TrainingRunConfig.Load(path)).Message);
        File.WriteAllText(path, "{ \"boardSize\": 30 }");
        Assert.Throws<ArgumentException>(() => TrainingRunConfig.Load(path).Validated());
    }

    [Fact]
    public void ConfigFileTurnsTheSelfPlayModesOnAndOff()
    {
        // The 9×9 preset searches the root by Gumbel's rule; the others by PUCT with all the modes off.
        Assert.True(TrainingRunConfig.Preset9x9.SelfPlay.GumbelRoot);
        Assert.Equal(1, TrainingRunConfig.Preset9x9.SelfPlay.FullSearchShare);
        Assert.False(TrainingRunConfig.Preset19x19.SelfPlay.GumbelRoot || TrainingRunConfig.Preset19x19.SelfPlay.ForcedPlayoutsK > 0);
        Assert.False(TrainingRunConfig.AlphaGoZero9x9.SelfPlay.GumbelRoot || TrainingRunConfig.AlphaGoZero9x9.SelfPlay.ForcedPlayoutsK > 0);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "modes.json");
        File.WriteAllText(path, "{ \"gumbelRoot\": false, \"fullSearchShare\": 0.25, \"fastPlayouts\": 20, \"forcedPlayoutsK\": 2 }");
        var selfPlay = TrainingRunConfig.Load(path).Validated().SelfPlay;
        Assert.Equal((false, 0.25, 20, 2.0), (selfPlay.GumbelRoot, selfPlay.FullSearchShare, selfPlay.FastPlayoutsFor, selfPlay.ForcedPlayoutsK));
        File.WriteAllText(path, "{ \"preset\": \"9x9-alphago-zero\", \"gumbelRoot\": true, \"gumbelConsideredMoves\": 8, \"selfPlayPlayouts\": 16 }");
        Assert.True(TrainingRunConfig.Load(path).Validated().SelfPlay.SearchOptionsFor(1) is { GumbelRoot: true, GumbelConsideredMoves: 8, DirichletNoise: false });
        File.WriteAllText(path, "{ \"forcedPlayoutsK\": 2 }");
        Assert.Throws<ArgumentException>(() => TrainingRunConfig.Load(path).Validated());
    }

    [Fact]
    public void ConfigFileThatIsEmptyOrHugeIsNotAConfigAndIsNamed()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "c.json");
        File.WriteAllText(path, "  \n");
        Assert.Equal($"{path}: not a training config: the file is empty (a config is a JSON object of settings, {{}} for none)",
            Assert.Throws<InvalidDataException>(() => TrainingRunConfig.Load(path)).Message);

        // Read no further than the cap: a file of 64 MiB (or /dev/zero) fails at 1 MiB.
        using (var file = File.Create(path)) file.SetLength(64L << 20);
        Assert.Equal($"{path}: not a training config: the file is larger than 1 MiB",
            Assert.Throws<InvalidDataException>(() => TrainingRunConfig.Load(path)).Message);
    }
}
