using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;
using GoZero.Network.Training;
using GoZero.SelfPlay.Distributed;

namespace GoZero.SelfPlay;

/// <summary>
/// The AlphaGo Zero loop in one folder (AlphaGo Zero, Methods, "Optimization", "Evaluator", "Self-play"), its parts
/// running at once: self-play with the best network writes games; the trainer, once enough new games have arrived,
/// takes a number of steps on a window of the most recent samples and saves a candidate; the candidate plays a gating
/// match against the best network and replaces it (in self-play too) when it scores at least the threshold. The ledger
/// gets a line per candidate.
/// <para>
/// The folder is laid out as <see cref="RunLayout"/> says; its ledger also says which network is best (the last one
/// promoted). The games that count towards the next candidate are those on disk, whoever played them
/// (<see cref="RunLayout.CountGames"/>). Every file is written atomically, so the process can be killed at any moment:
/// the same command continues from the newest candidate (resuming its gating match) with nothing that was completed
/// lost.
/// </para>
/// </summary>
public sealed class TrainingRun
{
    // A candidate whose training record is lost (one saved by an older GoZero) has NaN losses, written as "NaN".
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly List<GenerationRecord> ledger;
    private BestNetwork best;
    private GenerationRecord? lastAnchor;

    private sealed record BestNetwork(int Generation, double Elo);

    /// <summary>Opens (or starts) the run in <paramref name="folder"/>. A new folder gets <paramref name="config"/>
    /// (default: the 9×9 preset) and, as generation 0, <paramref name="start"/> — a network trained elsewhere, such as
    /// the supervised one (AlphaGo refined its supervised policy by reinforcement learning; Silver et al. 2016) — or
    /// else a random network, as AlphaGo Zero starts. An existing one keeps its own config, and a
    /// <paramref name="config"/> that differs from it, or a <paramref name="start"/> other than its generation 0, is an
    /// <see cref="InvalidDataException"/>.</summary>
    public TrainingRun(string folder, TrainingRunConfig? config = null, StartNetwork? start = null)
    {
        Layout = new RunLayout(folder);
        Directory.CreateDirectory(folder);
        string configPath = Layout.ConfigPath;
        if (File.Exists(configPath))
        {
            Config = TrainingRunConfig.LoadSaved(configPath).Validated();
            if (config is not null && config.WithAnchorOf(Config) != Config)
                throw new InvalidDataException($"{folder} is a run made with other settings ({configPath}); continue it without --config/--preset, or start another folder");
            // Only the anchor settings differ: they change what the run measures, not what it trains, so they are taken.
            if (config is not null && config != Config)
            {
                Config = Config.WithAnchorOf(config).Validated();
                AtomicFile.Write(configPath, stream => stream.Write(Encoding.UTF8.GetBytes(Config.ToJson())));
            }
        }
        else
        {
            Config = (config ?? TrainingRunConfig.Preset9x9).Validated();
            AtomicFile.Write(configPath, stream => stream.Write(Encoding.UTF8.GetBytes(Config.ToJson())));
        }
        Directory.CreateDirectory(Layout.NetworksFolder);
        Directory.CreateDirectory(Layout.GatingFolder);
        if (start is not null && start.Weights.Shape != Config.Shape)
            throw new InvalidDataException($"{start.Name} is a {Describe(start.Weights.Shape)} network; the run in {folder} trains {Describe(Config.Shape)} ones");
        if (!File.Exists(Layout.NetworkPath(0)))
        {
            var first = start?.Weights ?? NetworkWeights.Random(Config.Shape, (int)(Config.Seed % int.MaxValue));
            // A given network is generation 0's parent, named and hashed where net convert and net train record theirs.
            var metadata = start is null
                ? CheckpointMetadata.New("random network of generation 0")
                : CheckpointMetadata.New($"generation 0: {start.Name}") with { ParentName = Path.GetFileName(start.Name), ParentSha256 = start.Sha256 };
            new Checkpoint(first, metadata).Save(Layout.NetworkPath(0));
        }
        else if (start is not null && !SameWeights(Checkpoint.Load(Layout.NetworkPath(0), Config.Shape).Weights, start.Weights))
        {
            throw new InvalidDataException($"the run in {folder} started from another network than {start.Name}; continue it without --from, or start another folder");
        }
        ledger = ReadLedger(Layout);
        best = BestFromLedger();
        lastAnchor = ledger.LastOrDefault(r => r.AnchorGames is not null);
    }

    public TrainingRunConfig Config { get; }

    /// <summary>What runs the run's networks, self-play, training and gating alike: a choice of this process, not part
    /// of the run (a run moves between backends as its checkpoints do).</summary>
    public ModelPlacement Placement { get; init; } = ModelPlacement.Default;

    public RunLayout Layout { get; }

    /// <summary>The run's NATS server, when workers elsewhere play for it (<see cref="SelfPlayWorker"/>): the run
    /// stores their chunks as they come (<see cref="GameChunkReceiver"/>) and publishes its best network there at the
    /// start and at each promotion. Null: self-play in this process only.</summary>
    public RunServer? Server { get; init; }

    /// <summary>Whether this process plays self-play games too; off, only the workers do (it needs
    /// <see cref="Server"/>).</summary>
    public bool LocalSelfPlay { get; init; } = true;

    /// <summary>Where the run tells events of its workers (a chunk rejected, the server away).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>A network a run starts from instead of a random one: its weights, a name for messages (its file) and
    /// the SHA-256 of the file, recorded in generation 0's notes.</summary>
    public sealed record StartNetwork(NetworkWeights Weights, string Name, string Sha256);

    private static string Describe(NetworkShape shape) => shape.ToString();

    private static bool SameWeights(NetworkWeights a, NetworkWeights b) =>
        a.Shape == b.Shape && a.Tensors.Zip(b.Tensors).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    public IReadOnlyList<GenerationRecord> Ledger => ledger;

    public int BestGeneration => best.Generation;

    public string BestNetworkPath => Layout.NetworkPath(best.Generation);

    /// <summary>
    /// Runs until <paramref name="cancellation"/> fires, the run's total time reaches <paramref name="maxRunTime"/> or
    /// it has <paramref name="maxGenerations"/> generations (checked between generations and while waiting for games).
    /// <paramref name="onStatus"/> is called about every second and at every event.
    /// </summary>
    public async Task RunAsync(TimeSpan? maxRunTime, int? maxGenerations, Action<TrainingRunStatus>? onStatus, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        double earlierSeconds = EarlierRunSeconds();
        TimeSpan RunTime() => TimeSpan.FromSeconds(earlierSeconds) + clock.Elapsed;
        bool OutOfTime() => cancellation.IsCancellationRequested || (maxRunTime is { } limit && RunTime() >= limit);
        bool Done() => OutOfTime() || (maxGenerations is { } generations && ledger.Count >= generations);
        // An anchor match the last generation still owes is played even when the run has its generations.
        if (OutOfTime() || (Done() && !OwesAnchorMatch())) return;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var selfPlayNetwork = new ReplaceableNetworkEvaluator(Checkpoint.Load(BestNetworkPath, Config.Shape).Weights, Config.SelfPlayThreads, Config.Seed, Placement);
        using var writer = new SelfPlayWriter(Layout, Config.BoardSize, Config.GamesPerChunk);
        var runner = new SelfPlayRunner(Config.SelfPlay, Config.SelfPlayWorkers, Config.GamesAtOnce, _ => selfPlayNetwork,
            () => writer.Statistics.ResignThreshold(Config.ResignThreshold));
        if (!LocalSelfPlay && Server is null) throw new InvalidOperationException("a run without its own self-play needs workers: a server");
        double publishedThreshold = writer.Statistics.ResignThreshold(Config.ResignThreshold);
        int publishedGeneration = -1;
        var lastPublishTry = Stopwatch.StartNew();
        // Workers play what the server's entry names: published at the start and at each promotion, and tried again
        // while the server is away (the run goes on meanwhile; workers play the previous network).
        async Task PublishBestIfBehindAsync()
        {
            if (Server is null || publishedGeneration == best.Generation) return;
            lastPublishTry.Restart();
            try
            {
                await Server.PublishBestAsync(BestEntry(writer.Statistics.ResignThreshold(Config.ResignThreshold)), BestNetworkPath, cancellation);
                publishedGeneration = best.Generation;
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is not OutOfMemoryException)
            {
                Log($"could not publish generation {best.Generation} to the server ({e.Message}); trying again");
            }
        }
        await PublishBestIfBehindAsync();
        var channel = Channel.CreateUnbounded<SelfPlayRecord>(new UnboundedChannelOptions { SingleReader = true });
        var selfPlayClock = Stopwatch.StartNew();
        long gamesAtStart = Layout.CountGames();
        var consumer = Task.Run(() => writer.ConsumeAsync(channel.Reader));
        // Game ids come from the writer, which the chunks received draw theirs from too.
        var producer = LocalSelfPlay
            ? Task.Run(() => runner.RunAsync(() => writer.TakeGameIds(1), Config.Seed, channel.Writer, stop.Token))
            : Task.CompletedTask;
        GameChunkReceiver? receiver = null;
        var receiving = Task.CompletedTask;
        if (Server is { } server)
        {
            receiver = new GameChunkReceiver(server, writer, Log)
            {
                // Workers resign at the threshold calibrated on every worker's played-out games.
                OnStored = () =>
                {
                    double threshold = writer.Statistics.ResignThreshold(Config.ResignThreshold);
                    // An entry names only a network in the store: while a promotion is unpublished, no entry is written.
                    if (threshold == publishedThreshold || publishedGeneration != best.Generation) return Task.CompletedTask;
                    publishedThreshold = threshold;
                    return server.UpdateBestAsync(BestEntry(threshold), stop.Token);
                },
            };
            receiving = Task.Run(() => receiver.RunAsync(stop.Token), CancellationToken.None);
        }

        string phase = "starting";
        int stepInGeneration = 0;
        TrainingLoss? loss = null;
        MatchSummary? gating = null;
        long trainingSteps = 0;
        TrainingRunStatus Status() => new(phase, ledger.Count + 1, best.Generation, best.Elo, Layout.CountGames(), writer.Statistics,
            GamesPerHour(), runner.BatchFill, trainingSteps, stepInGeneration, Config.StepsPerGeneration,
            loss?.Total - loss?.Regularization, loss?.Policy, loss?.Value, gating, Config.GatingGames, RunTime(), ledger.Count > 0 ? ledger[^1] : null,
            gating is { } g && Config.Sprt is { } sprt ? sprt.LogLikelihoodRatio(g) : null, loss?.Ownership, loss?.Score,
            receiver is null ? null : (receiver.Stored, receiver.Rejected), lastAnchor);
        double GamesPerHour() => (Layout.CountGames() - gamesAtStart) / Math.Max(selfPlayClock.Elapsed.TotalHours, 1e-9);
        using var ticker = new Timer(_ => { try { onStatus?.Invoke(Status()); } catch (ObjectDisposedException) { } }, null, 1000, 1000);

        try
        {
            using var trainer = OpenTrainer();
            trainingSteps = trainer.Steps;
            // The anchor match a stopped run owes its last generation, then one after each generation that owes one;
            // false when stopped before its end (the match folder keeps its games for the next start).
            bool PlayAnchorMatch()
            {
                if (!OwesAnchorMatch()) return true;
                var record = ledger[^1];
                string engine = Config.AnchorName!;
                phase = $"anchor: generation {record.BestGeneration} against {engine}";
                var summary = AnchorMatch.Play(Config, Layout, record, Placement,
                    s =>
                    {
                        phase = $"anchor: generation {record.BestGeneration} against {engine}, {s.AWins}–{s.BWins} after {s.Games} of {Config.AnchorGames} games";
                        onStatus?.Invoke(Status());
                    },
                    cancellation);
                if (summary is null) return false;
                ledger[^1] = lastAnchor = record.WithAnchor(engine, summary);
                WriteLedger();
                onStatus?.Invoke(Status());
                return true;
            }

            PlayAnchorMatch();
            while (!Done())
            {
                int generation = ledger.Count + 1;
                string candidatePath = Layout.NetworkPath(generation);
                if (!File.Exists(candidatePath))
                {
                    long gamesSeen = LatestCandidateGamesSeen();
                    long needed = Math.Max(Config.MinimumGames, gamesSeen + Config.GamesPerGeneration);
                    phase = $"self-play: {needed} games needed to train candidate {generation}";
                    while (Layout.CountGames() < needed && !Done())
                    {
                        if (producer.IsFaulted) await producer;
                        if (receiving.IsFaulted) await receiving;
                        if (lastPublishTry.Elapsed > TimeSpan.FromSeconds(5)) await PublishBestIfBehindAsync();
                        await Task.Delay(250, CancellationToken.None);
                    }
                    if (Done()) break;
                    var trainingClock = Stopwatch.StartNew();
                    phase = $"training candidate {generation}";
                    var data = TrainingDataSet.Load(Layout.DataFolder, Config.BoardSize, Config.WindowSamples);
                    var sampler = new TrainingSampler(data, Config.Seed);
                    var batch = new TrainingBatch(Config.BoardSize, Math.Min(Config.TrainingBatch, data.Count));
                    double total = 0, policy = 0, value = 0, ownership = 0, score = 0;
                    for (stepInGeneration = 0; stepInGeneration < Config.StepsPerGeneration; stepInGeneration++)
                    {
                        if (cancellation.IsCancellationRequested) break;
                        sampler.Fill(batch, trainer.Steps);
                        loss = trainer.Step(batch);
                        trainingSteps = trainer.Steps;
                        total += loss.Value + loss.Policy;
                        policy += loss.Policy;
                        value += loss.Value;
                        ownership += loss.Ownership ?? 0;
                        score += loss.Score ?? 0;
                    }
                    if (cancellation.IsCancellationRequested) break;
                    int n = Config.StepsPerGeneration;
                    var metadata = new CheckpointMetadata(generation, trainer.Steps, Layout.CountGames(), DateTime.UtcNow,
                        Path.GetFileName(BestNetworkPath), Notes: $"candidate {generation}: {n} steps on {data.Count} samples, mean loss {total / n:0.0000} (policy {policy / n:0.0000}, value {value / n:0.0000})");
                    // A diverged candidate throws here, before anything of it is written (TrainingDivergedException).
                    trainer.EnsureFinite(batch);
                    var trained = trainer.ToCheckpoint(metadata);
                    // The record first: a kill between the two leaves a record that the retrained candidate overwrites.
                    new CandidateTraining(data.Count, total / n, policy / n, value / n, trainingClock.Elapsed.TotalSeconds, RunTime().TotalSeconds,
                            Config.OwnershipAndScore ? ownership / n : null, Config.OwnershipAndScore ? score / n : null)
                        .Save(Layout.TrainingRecordPath(generation));
                    trained.Save(candidatePath);
                }

                phase = $"gating: candidate {generation} against generation {best.Generation}";
                var gatingClock = Stopwatch.StartNew();
                gating = null;
                // Read once (just trained or left by a stopped run) for both the gating match and the ledger.
                var candidate = Checkpoint.Load(candidatePath, Config.Shape);
                var summary = Gate(generation, candidate, writer.Statistics.ResignThreshold(Config.ResignThreshold), s => gating = s, cancellation);
                if (summary is null) break;
                Record(generation, candidate, summary, gatingClock.Elapsed.TotalSeconds, RunTime(), Layout.CountGames(), writer.Statistics, GamesPerHour(),
                       runner.BatchFill, selfPlayNetwork);
                await PublishBestIfBehindAsync();
                onStatus?.Invoke(Status());
                if (!PlayAnchorMatch()) break;
            }
        }
        finally
        {
            phase = "stopping";
            stop.Cancel();
            try { await producer; } catch (OperationCanceledException) { }
            try { await receiving; } catch (OperationCanceledException) { }
            channel.Writer.Complete();
            await consumer;
            onStatus?.Invoke(Status());
        }
    }

    /// <summary>The server's entry for the best network now: what workers play, with the run's settings.</summary>
    private BestNetworkEntry BestEntry(double resignThreshold) =>
        new(best.Generation, Path.GetFileName(BestNetworkPath), NetworkFile.Load(BestNetworkPath, Config.Shape).Sha256, Config, resignThreshold);

    // The run's time so far: the last ledger line's, or, when a candidate was saved after it (the run was stopped
    // during that candidate's gating), the time the candidate was saved at, so its training time is not lost.
    private double EarlierRunSeconds()
    {
        double ledgerSeconds = ledger.Count == 0 ? 0 : ledger[^1].WallSeconds;
        int pending = ledger.Count + 1;
        return File.Exists(Layout.NetworkPath(pending)) ? Math.Max(ledgerSeconds, CandidateTraining.Load(Layout.TrainingRecordPath(pending)).RunSeconds) : ledgerSeconds;
    }

    private IModelTrainer OpenTrainer()
    {
        var latest = Enumerable.Range(1, ledger.Count + 1).Reverse().Select(Layout.NetworkPath).FirstOrDefault(File.Exists) ?? Layout.NetworkPath(0);
        return ModelFactory.OpenTrainer(Checkpoint.Load(latest, Config.Shape), Config.Training, Placement.Backend, Placement.Device);
    }

    private long LatestCandidateGamesSeen()
    {
        if (ledger.Count == 0) return 0;
        return Checkpoint.Load(Layout.NetworkPath(ledger.Count), Config.Shape).Metadata.GamesSeen;
    }

    /// <summary>The gating match of a candidate against the best network, resigning at self-play's calibrated
    /// threshold, to its last game or to the sequential test's decision; null when it was stopped before the end (the
    /// match folder keeps its games for the next start).</summary>
    private MatchSummary? Gate(int generation, Checkpoint candidateCheckpoint, double resignThreshold, Action<MatchSummary> onGame, CancellationToken cancellation)
    {
        using var candidateNet = ModelFactory.OpenInference(candidateCheckpoint.Weights, threads: 1, Placement.Backend, Placement.Device);
        using var bestNet = ModelFactory.OpenInference(Checkpoint.Load(BestNetworkPath, Config.Shape).Weights, threads: 1, Placement.Backend, Placement.Device);
        var search = new SearchOptions { MaxPlayouts = Config.GatingPlayouts, Seed = Config.Seed + (ulong)generation };
        // The most visited move, as AlphaGo Zero's evaluator played (Methods, "Evaluator") and gating always has.
        var movePolicy = new MovePolicyOptions { ResignThreshold = resignThreshold, LcbSelection = false };
        using var candidate = new SearchPlayer($"candidate-{generation:D4}", new NetworkPolicyEvaluator(candidateNet, seed: Config.Seed), search, movePolicy);
        using var incumbent = new SearchPlayer(best.Generation == 0 ? "generation-0000" : $"candidate-{best.Generation:D4}", new NetworkPolicyEvaluator(bestNet, seed: Config.Seed + 1), search, movePolicy);
        var options = new MatchOptions(Config.GatingGames, Config.BoardSize, Config.Rules, OpeningMoves: Config.GatingOpeningMoves, Seed: (int)(Config.Seed % int.MaxValue) + generation);
        var match = new Match(options, candidate, incumbent, Layout.GatingMatchFolder(generation));
        var sprt = Config.Sprt;
        Func<MatchSummary, bool>? decided = sprt is null ? null : s => sprt.Decide(s) != SprtDecision.Continue;
        var summary = match.Run((_, s) => onGame(s), cancellation, decided);
        return summary.Games >= Config.GatingGames || decided?.Invoke(summary) == true ? summary : null;
    }

    private void Record(int generation, Checkpoint checkpoint, MatchSummary summary, double gatingSeconds, TimeSpan runTime, long games,
                        SelfPlayStatistics selfPlay, double gamesPerHour, double batchFill, ReplaceableNetworkEvaluator selfPlayNetwork)
    {
        double elo = best.Elo + summary.EloDifference;
        var decision = Config.Sprt?.Decide(summary) ?? SprtDecision.Continue;
        bool promoted = decision == SprtDecision.Continue ? summary.Score >= Config.PromotionThreshold : decision == SprtDecision.Stronger;
        var (low, high) = summary.ScoreInterval;
        int opponent = best.Generation;
        if (promoted)
        {
            best = new BestNetwork(generation, elo);
        }
        var training = CandidateTraining.Load(Layout.TrainingRecordPath(generation));
        ledger.Add(new GenerationRecord(generation, Path.GetFileName(Layout.NetworkPath(generation)), checkpoint.Metadata.TrainingSteps,
            Config.Training.LearningRate.RateAt(checkpoint.Metadata.TrainingSteps - 1), games, selfPlay.Samples, training.WindowSamples,
            training.TotalLoss, training.PolicyLoss, training.ValueLoss, opponent, summary.Games, summary.AWins, summary.BWins, summary.Draws, summary.Score, low, high,
            summary.EloDifference, promoted, elo, best.Generation, best.Elo, gamesPerHour, batchFill,
            selfPlay.NoResignGames, selfPlay.FalseResignations, training.TrainingSeconds, gatingSeconds, runTime.TotalSeconds, DateTime.UtcNow,
            Config.Sprt?.LogLikelihoodRatio(summary), training.OwnershipLoss, training.ScoreLoss));
        WriteLedger();
        if (promoted) selfPlayNetwork.Replace(checkpoint.Weights);
    }

    private void WriteLedger()
    {
        string text = string.Concat(ledger.Select(r => JsonSerializer.Serialize(r, Json) + "\n"));
        AtomicFile.Write(Layout.LedgerPath, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether the last generation is due an anchor match (every <see cref="TrainingRunConfig.AnchorInterval"/>
    /// generations) that is not in the ledger yet: one stopped half-way, or never started.</summary>
    private bool OwesAnchorMatch() =>
        Config.AnchorEngine is not null && ledger.Count > 0 && ledger[^1].Generation % Config.AnchorInterval == 0 && ledger[^1].AnchorGames is null;

    /// <summary>The most bytes a run's ledger may have: 256 MiB, some 400,000 generations' lines.</summary>
    public const int MaxLedgerBytes = 256 << 20;

    /// <summary>The ledger of a run folder, oldest generation first; empty when there is none. A malformed line is an
    /// <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static List<GenerationRecord> ReadLedger(RunLayout layout)
    {
        string path = layout.LedgerPath;
        var records = new List<GenerationRecord>();
        if (!File.Exists(path)) return records;
        int number = 0;
        var text = Encoding.UTF8.GetString(InputFile.ReadAllBytes(path, MaxLedgerBytes, "a run's ledger"));
        foreach (string line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            try
            {
                records.Add(JsonSerializer.Deserialize<GenerationRecord>(line, Json) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}, line {number}: not a generation record: {JsonFileError.Reason(e)}", e);
            }
        }
        return records;
    }

    /// <summary>The best network is the last promoted candidate in the ledger (generation 0 before any): the ledger
    /// is the one record of promotions, so nothing can disagree with it after a crash.</summary>
    private BestNetwork BestFromLedger()
    {
        var promoted = ledger.LastOrDefault(r => r.Promoted);
        return promoted is null ? new BestNetwork(0, 0) : new BestNetwork(promoted.Generation, promoted.Elo);
    }
}
