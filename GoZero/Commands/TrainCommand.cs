using System.Globalization;
using System.Runtime.CompilerServices;
using GoZero.Network;
using GoZero.SelfPlay;
using GoZero.SelfPlay.Distributed;
using Spectre.Console;

namespace GoZero.Cli.Commands;

/// <summary>gozero train --run DIR: the AlphaGo Zero loop with a live view of self-play, training and gating.</summary>
public static class TrainCommand
{
    public static int Run(TrainCommandOptions options)
    {
        if ((PathArgument.Empty(options.Run, "--run", "the run's folder") ?? PathArgument.Empty(options.Config, "--config", "a config file")
             ?? PathArgument.Empty(options.From, "--from", "the network to start from")) is { } empty)
            return CommandFailure.Report(empty, ExitCode.BadArguments);
        if (options.Hours is <= 0 || options.Hours is double h && !double.IsFinite(h))
            return CommandFailure.Report($"--hours must be a positive number, not {options.Hours}", ExitCode.BadArguments);
        if (options.Placement().Problem is { } badPlacement)
            return CommandFailure.Report(badPlacement, ExitCode.BadArguments);
        if (options.Generations is < 1)
            return CommandFailure.Report($"--generations must be at least 1, not {options.Generations}", ExitCode.BadArguments);
        NatsConnectionOptions? connection = null;
        string serverRun = options.ServerRun ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Run.Length == 0 ? "." : options.Run)));
        if (options.Server is { } url)
        {
            (connection, string? problem) = options.Connection(url);
            if (connection is null) return CommandFailure.Report(problem!, ExitCode.BadArguments);
            try
            {
                _ = new RunServerNames(serverRun);
            }
            catch (ArgumentException e)
            {
                return CommandFailure.Report($"{(options.ServerRun is null ? "the run folder's name" : "--server-run")}: {e.Message}; give the run a name on the server with --server-run", ExitCode.BadArguments);
            }
        }
        else if (options.LocalSelfPlay == OnOff.Off || options.ServerRun is not null)
        {
            return CommandFailure.Report("--local-selfplay off and --server-run need --server: without a server nobody else plays the run's games", ExitCode.BadArguments);
        }
        TrainingRunConfig? config = null;
        try
        {
            if (options.Preset is { } preset) config = TrainingRunConfig.ForPreset(preset);
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadArguments);
        }
        if (PathArgument.NotAFolder(options.Run) is { } notAFolder) return CommandFailure.Report(notAFolder, ExitCode.BadInput);

        TrainingRun run;
        RunServer? server = null;
        bool live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var lastEvent = new StrongBox<string?>();
        // One process at a time in a run folder, as in match and self-play folders: two loops would write the same
        // candidates, chunks and ledger lines. --show-config of a folder takes it too, since opening a folder that is
        // no run yet starts one there (its config and generation 0).
        FolderLock? folderLock = null;
        try
        {
            var runConfigPath = new RunLayout(options.Run).ConfigPath;
            bool runExists = File.Exists(runConfigPath);
            // The run's own settings, read once and only where needed.
            TrainingRunConfig? savedConfig = null;
            TrainingRunConfig? SavedConfig() => runExists ? savedConfig ??= TrainingRunConfig.LoadSaved(runConfigPath) : null;
            TrainingRun.StartNetwork? start = null;
            if (options.From is { } from)
            {
                var network = NetworkFile.Load(from);
                start = new TrainingRun.StartNetwork(network.Weights, from, network.Sha256);
                config = StartConfig(config, network.Weights.Shape);
            }
            if (options.Config is { } file)
            {
                // On a run that exists, the file's settings overlay the run's own, so a file of anchor settings alone
                // gives an existing run an anchor (the only settings a run takes on resume).
                var basis = config ?? SavedConfig() ?? TrainingRunConfig.Preset9x9;
                config = TrainingRunConfig.Load(file, basis);
                try
                {
                    config.Validated();
                }
                catch (ArgumentException e)
                {
                    return CommandFailure.Report($"{file}: {e.Message}", ExitCode.BadInput);
                }
            }
            // A run that exists keeps its own setting (its config says whether its networks have the heads).
            if (options.OwnershipAndScore && !(runExists && options.Config is null && options.Preset is null))
                config = (config ?? TrainingRunConfig.Preset9x9) with { OwnershipAndScore = true };
            if (options.ShowConfig && !Directory.Exists(options.Run))
            {
                Console.WriteLine((config ?? TrainingRunConfig.Preset9x9).Validated().ToJson());
                return ExitCode.Success;
            }
            // A run that exists keeps its own config: the network given must be its generation 0 (TrainingRun checks).
            if (start is not null && runExists && options.Preset is null && options.Config is null)
                config = null;
            // A network trained without the heads starts a run that has them with the heads added, untrained: the
            // supervised 19×19 network or an older default can then learn from its games' ownership and score. Their
            // seed is fixed, so the same command makes the same generation 0 and continues the run.
            if (start is not null && !start.Weights.Shape.AuxiliaryHeads
                && (config ?? SavedConfig())?.Shape == (start.Weights.Shape with { AuxiliaryHeads = true }))
            {
                start = start with { Weights = start.Weights.WithAuxiliaryHeads(seed: 1) };
                if (!options.ShowConfig && !runExists)
                    Console.WriteLine($"{options.From} has no ownership and score heads: the run's generation 0 is it with new, untrained ones");
            }
            if (start is not null && config is not null && config.Shape != start.Weights.Shape)
                return CommandFailure.Report($"{options.Config ?? "--ownership-and-score"}: sets a {config.Shape} network, but --from {options.From} is {start.Weights.Shape}",
                                             ExitCode.BadArguments);
            folderLock = FolderLock.Acquire(options.Run, "gozero train");
            folderLock.RemoveStaleTemporaries();
            if (connection is not null && !options.ShowConfig)
                server = RunServer.OpenAsync(connection, serverRun, $"gozero train on {Environment.MachineName}", CancellationToken.None).GetAwaiter().GetResult();
            run = new TrainingRun(options.Run, config, start)
            {
                Placement = options.CheckedPlacement,
                Server = server,
                LocalSelfPlay = options.LocalSelfPlay == OnOff.On,
                // The live view shows the last event in its table: a line printed under it would tear it.
                Log = line => { if (live) lastEvent.Value = $"[{DateTime.Now:HH:mm:ss}] {line}"; else Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"); },
            };
            if (options.ShowConfig)
            {
                folderLock.Dispose();
                Console.WriteLine(run.Config.ToJson());
                return ExitCode.Success;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException
                                       or Network.NetworkFormatException or RunServerException)
        {
            folderLock?.Dispose();
            server?.Dispose();
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        using var heldLock = folderLock;
        using var heldServer = server;

        var c = run.Config;
        Console.WriteLine($"run {options.Run}: {c.BoardSize}×{c.BoardSize}, network {c.Blocks}×{c.Filters}, preset {c.Preset}; " +
                          $"{run.Ledger.Count} generations so far, best is generation {run.BestGeneration}");
        if (server is not null)
            Console.WriteLine($"workers join with: gozero worker --server {options.Server} --run {serverRun}" +
                              (run.LocalSelfPlay ? "" : " (this process plays no self-play games itself)"));
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += stop;
        try
        {
            TimeSpan? limit = options.Hours is double hours ? TimeSpan.FromHours(hours) : null;
            if (live)
                RunWithLiveView(run, limit, options.Generations, lastEvent, interrupt.Token);
            else
                RunWithLog(run, limit, options.Generations, interrupt.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Network.NetworkFormatException
                                       or Network.Training.TrainingDataFormatException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        catch (Network.Training.TrainingDivergedException e)
        {
            // The candidate is saved only after its last step, so nothing of the diverged training is on disk.
            return CommandFailure.Report($"training diverged at step {e.Step:N0} ({e.What}) while training candidate {run.Ledger.Count + 1}: " +
                                         $"lower learningRate in {run.Layout.ConfigPath} (it is {run.Config.LearningRate}) and run again; " +
                                         $"nothing of the candidate was saved, the best network is still generation {run.BestGeneration} ({run.BestNetworkPath})",
                                         ExitCode.BadInput);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
        Console.WriteLine($"stopped: {run.Ledger.Count} generations, best is generation {run.BestGeneration} ({run.BestNetworkPath})");
        return ExitCode.Success;
    }

    /// <summary>
    /// The settings of a run that starts from a network: its board size, tower and heads, and for the rest the preset given,
    /// else the 19×19 preset for a 19×19 network and the 9×9 one for any other.
    /// </summary>
    private static TrainingRunConfig StartConfig(TrainingRunConfig? preset, NetworkShape shape)
    {
        var basis = preset ?? shape.BoardSize switch
        {
            19 => TrainingRunConfig.Preset19x19,
            _ => TrainingRunConfig.Preset9x9,
        };
        return basis with
        {
            BoardSize = shape.BoardSize, Blocks = shape.Blocks, Filters = shape.Filters, OwnershipAndScore = shape.AuxiliaryHeads,
            GlobalPoolingInterval = shape.GlobalPoolingInterval, GlobalPoolingChannels = shape.GlobalPooling ? shape.GlobalPoolingChannels : null,
        };
    }

    /// <summary>Plain lines for a log file: one per generation, and the status every minute.</summary>
    private static void RunWithLog(TrainingRun run, TimeSpan? limit, int? generations, CancellationToken cancellation)
    {
        int reported = run.Ledger.Count;
        int anchorReported = run.Ledger.LastOrDefault(r => r.AnchorGames is not null)?.Generation ?? 0;
        DateTime lastStatus = DateTime.MinValue;
        var gate = new object();
        run.RunAsync(limit, generations, status =>
        {
            lock (gate)
            {
                if (status.Last is { } last && last.Generation > reported)
                {
                    reported = last.Generation;
                    Console.WriteLine(DescribeGeneration(last));
                }
                if (status.Last is { AnchorGames: not null } anchored && anchored.Generation > anchorReported)
                {
                    anchorReported = anchored.Generation;
                    Console.WriteLine(DescribeAnchor(anchored));
                }
                if (DateTime.UtcNow - lastStatus >= TimeSpan.FromMinutes(1))
                {
                    lastStatus = DateTime.UtcNow;
                    Console.WriteLine(DescribeStatus(status));
                }
            }
        }, cancellation).GetAwaiter().GetResult();
    }

    private static void RunWithLiveView(TrainingRun run, TimeSpan? limit, int? generations, StrongBox<string?> lastEvent, CancellationToken cancellation)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        TrainingRunStatus? latest = null;
        var gate = new object();
        AnsiConsole.Live(table).AutoClear(false).Start(context =>
        {
            var task = run.RunAsync(limit, generations, status => { lock (gate) latest = status; }, cancellation);
            while (!task.IsCompleted)
            {
                task.Wait(TimeSpan.FromMilliseconds(500));
                TrainingRunStatus? status;
                lock (gate) status = latest;
                if (status is null) continue;
                Fill(table, status, lastEvent.Value);
                context.Refresh();
            }
            task.GetAwaiter().GetResult();
        });
    }

    private static void Fill(Table table, TrainingRunStatus s, string? lastEvent)
    {
        table.Rows.Clear();
        var sp = s.SelfPlay;
        void Row(string name, string value) => table.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Markup(Markup.Escape(value)));
        Row("run time", s.RunTime.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture));
        Row("phase", s.Phase);
        Row("best network", Invariant($"generation {s.BestGeneration}, Elo {s.BestElo:+0;-0;0} over the random network"));
        Row("self-play", Invariant($"{s.Games:N0} games, {sp.Samples:N0} samples, {s.GamesPerHour:0} games/hour, batch fill {100 * s.BatchFill:0}%"));
        if (s.Received is var (stored, rejected))
            Row("workers", Invariant($"{stored:N0} chunks received{(rejected > 0 ? $", {rejected} rejected" : "")}") + (lastEvent is null ? "" : $"; {lastEvent}"));
        Row("resignation check", sp.NoResignGames == 0 ? "no game played out yet"
            : Invariant($"{sp.FalseResignations} false of {sp.NoResignGames} played-out games since the start ({100 * sp.FalseResignationRate:0.0}%)"));
        Row("training", s.Loss is double loss
            ? Invariant($"step {s.TrainingSteps:N0} ({s.StepInGeneration}/{s.StepsPerGeneration}), loss {loss:0.000} (policy {s.PolicyLoss:0.000}, value {s.ValueLoss:0.000}{Auxiliary(s.OwnershipLoss, s.ScoreLoss)})")
            : Invariant($"step {s.TrainingSteps:N0}"));
        Row("gating", s.Gating is { } g
            ? Invariant($"{g.Games}/{s.GatingGames} games, candidate {g.AWins}–{g.BWins} ({100 * g.Score:0}%)")
              + (s.GatingLogLikelihoodRatio is { } llr ? Invariant($", SPRT log-likelihood ratio {llr:0.00}") : "")
            : "—");
        if (s.Last is { } last) Row("last generation", DescribeGeneration(last));
        if (s.LastAnchor is { } anchor) Row("anchor", DescribeAnchor(anchor));
    }

    private static string DescribeAnchor(GenerationRecord r)
    {
        var (low, high) = (MatchSummary.Elo(r.AnchorScoreLow!.Value), MatchSummary.Elo(r.AnchorScoreHigh!.Value));
        return Invariant($"anchor after generation {r.Generation}: generation {r.BestGeneration} against {r.AnchorEngine}, {r.AnchorWins}–{r.AnchorLosses}")
            + Invariant($"{(r.AnchorDraws > 0 ? $" ({r.AnchorDraws} draws)" : "")}, score {100 * r.AnchorScore:0}% (95% {100 * r.AnchorScoreLow:0}–{100 * r.AnchorScoreHigh:0}%), ")
            + Invariant($"Elo {r.AnchorElo:+0;-0;0} over the anchor (95% {MatchSummary.Signed(low)} to {MatchSummary.Signed(high)})");
    }


    private static string DescribeGeneration(GenerationRecord r) =>
        Invariant($"generation {r.Generation}: {r.TrainingSteps:N0} steps, loss {r.TotalLoss:0.000} (policy {r.PolicyLoss:0.000}, value {r.ValueLoss:0.000}{Auxiliary(r.OwnershipLoss, r.ScoreLoss)}); ")
        + Invariant($"gating against generation {r.OpponentGeneration}: {r.GatingWins}–{r.GatingLosses}, score {100 * r.GatingScore:0}% ")
        + Invariant($"(95% {100 * r.GatingScoreLow:0}–{100 * r.GatingScoreHigh:0}%{(r.GatingLogLikelihoodRatio is { } llr ? $", SPRT LLR {llr:0.00}" : "")}) → {(r.Promoted ? "promoted" : "not promoted")}; Elo {r.Elo:+0;-0;0}; ")
        + Invariant($"{r.SelfPlayGames:N0} self-play games");

    private static string DescribeStatus(TrainingRunStatus s) =>
        Invariant($"[{s.RunTime:hh\\:mm\\:ss}] {s.Phase}; self-play {s.Games:N0} games ({s.GamesPerHour:0}/hour, fill {100 * s.BatchFill:0}%)")
        + (s.Received is var (stored, rejected) ? Invariant($"; workers' chunks {stored:N0}{(rejected > 0 ? $" ({rejected} rejected)" : "")}") : "")
        + Invariant($"; training step {s.TrainingSteps:N0}")
        + (s.Loss is double l ? Invariant($", loss {l:0.000}") : "")
        + (s.Gating is { } g ? Invariant($"; gating {g.Games}/{s.GatingGames}, {100 * g.Score:0}%") : "")
        + (s.GatingLogLikelihoodRatio is { } llr ? Invariant($", LLR {llr:0.00}") : "");

    /// <summary>", ownership X, score Y" for a run whose networks have those heads, else nothing.</summary>
    private static string Auxiliary(double? ownership, double? score) =>
        ownership is null && score is null ? "" : Invariant($", ownership {ownership ?? 0:0.000}, score {score ?? 0:0.000}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
