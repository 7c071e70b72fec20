using GoZero.Cli.Benchmarks;
using GoZero.Gtp;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero bench SUITE: runs a benchmark suite and prints its figures, as text or as JSON.</summary>
public static class BenchCommand
{
    public static int Run(BenchOptions options)
    {
        if (options.Seconds <= 0 || !double.IsFinite(options.Seconds) || options.Runs < 1)
        {
            return CommandFailure.Report("--seconds must be positive and --runs at least 1", ExitCode.BadArguments);
        }
        switch (options.Suite.ToLowerInvariant())
        {
            case "rules":
                return RunRules(options);
            case "net":
                return RunNetworkSweep(options, ForwardPassBenchmark.Sweep, options.Batches,
                    "--configs, --threads (1..256) and --batches (1..4096) need at least one valid value each");
            case "mcts":
                return RunMcts(options);
            case "train":
                return RunNetworkSweep(options, TrainingBenchmark.Sweep, options.TrainBatches,
                    "--threads (1..256) and --train-batches (1..4096) need at least one valid value each");
            default:
                return CommandFailure.Report($"unknown benchmark suite '{options.Suite}' (known: rules, net, mcts, train)", ExitCode.BadArguments);
        }
    }

    private static int RunRules(BenchOptions options)
    {
        foreach (int size in options.Sizes)
        {
            if (size < Engine.BoardGeometry.MinSize || size > Engine.BoardGeometry.MaxSize)
            {
                return CommandFailure.Report($"board size {size} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}", ExitCode.BadArguments);
            }
        }
        RulesBenchmark.Sweep(options.Sizes, options.Seconds, options.Runs, options.Seed, options.Json, Console.Out);
        return ExitCode.Success;
    }

    /// <param name="batchSizes">--batches or --train-batches.</param>
    /// <param name="rangeProblem">What to say when the threads or batch sizes are out of range.</param>
    private static int RunNetworkSweep(BenchOptions options, NetworkSweep sweep, IEnumerable<int> batchSizes, string rangeProblem)
    {
        if (NetworkSweep.ShapesProblem(options.Configs, out var shapes) is { } problem) return CommandFailure.Report(problem, ExitCode.BadArguments);
        var (placements, badPlacement) = options.Placements();
        if (placements is null) return CommandFailure.Report(badPlacement!, ExitCode.BadArguments);
        var threadCounts = options.Threads.ToList();
        var batches = batchSizes.ToList();
        if (threadCounts.Count == 0 || batches.Count == 0 || threadCounts.Any(t => t < 1 || t > 256) || batches.Any(b => b < 1 || b > 4096))
        {
            return CommandFailure.Report(rangeProblem, ExitCode.BadArguments);
        }
        sweep.Run(shapes, placements, threadCounts, batches, options.Seconds, options.Runs, (int)options.Seed, options.Json, Console.Out);
        return ExitCode.Success;
    }

    private static int RunMcts(BenchOptions options)
    {
        var threadCounts = options.Threads.ToList();
        NetworkShape shape;
        try
        {
            shape = new NetworkShape(options.Board, options.Blocks, options.Filters).Validated();
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report($"network {options.Board}:{options.Blocks}:{options.Filters}: {e.Message}", ExitCode.BadArguments);
        }
        if (threadCounts.Count == 0 || threadCounts.Any(t => t < 1 || t > 256) || options.Batch is < 1 or > 4096 || options.Playouts < 1 || options.MidgameMoves < 0
            || !double.IsFinite(options.WarmUp) || options.WarmUp is < 0 or > 600)
        {
            return CommandFailure.Report("--threads (1..256), --batch (1..4096), --playouts (1 or more), --midgame-moves (0 or more) and --warmup (0..600 s) need valid values", ExitCode.BadArguments);
        }
        var (placement, badPlacement) = options.Placement();
        if (placement is null) return CommandFailure.Report(badPlacement!, ExitCode.BadArguments);
        if (options.Leelaz is not null && !File.Exists(options.Leelaz))
        {
            return CommandFailure.Report($"--leelaz {options.Leelaz}: no such file", ExitCode.BadArguments);
        }
        try
        {
            SearchBenchmark.Sweep(shape, placement, threadCounts, options.Batch, options.Playouts, options.Runs, options.Seed,
                options.WarmUp, options.MidgameMoves, options.Leelaz, options.Json, Console.Out);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or GtpEngineException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        return ExitCode.Success;
    }
}
