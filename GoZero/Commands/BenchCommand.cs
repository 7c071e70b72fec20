using System.Text.Json;
using System.Text.Json.Nodes;
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
                return RunNet(options);
            case "mcts":
                return RunMcts(options);
            case "train":
                return RunTrain(options);
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
        var results = new JsonArray();
        if (!options.Json)
            Console.WriteLine($"rules: uniformly random playouts to the end, one thread, median of {options.Runs} runs of {options.Seconds:0.##} s; load average before: {LoadAverage()}");
        foreach (int size in options.Sizes)
        {
            var result = RulesBenchmark.Measure(size, TimeSpan.FromSeconds(options.Seconds), options.Runs, options.Seed);
            if (options.Json)
            {
                results.Add(new JsonObject
                {
                    ["size"] = size,
                    ["playouts_per_second"] = Math.Round(result.PlayoutsPerSecond, 1),
                    ["moves_per_second"] = Math.Round(result.MovesPerSecond, 0),
                    ["moves_per_playout"] = Math.Round(result.MovesPerPlayout, 1),
                    ["runs_playouts_per_second"] = new JsonArray(result.RunPlayoutsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
                });
            }
            else
            {
                Console.WriteLine($"{size}x{size}: {result.PlayoutsPerSecond,10:N0} playouts/s  {result.MovesPerSecond,12:N0} moves/s  " +
                                  $"({result.MovesPerPlayout:0.0} moves per playout; runs: {string.Join(" ", result.RunPlayoutsPerSecond.Select(r => r.ToString("N0")))})");
            }
        }
        if (options.Json)
        {
            var json = new JsonObject
            {
                ["benchmark"] = "rules",
                ["threads"] = 1,
                ["seconds_per_run"] = options.Seconds,
                ["runs"] = options.Runs,
                ["load_average"] = LoadAverage(),
                ["results"] = results,
            };
            Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        return ExitCode.Success;
    }

    private static int RunNet(BenchOptions options)
    {
        if (ShapesProblem(options, out var shapes) is { } problem) return CommandFailure.Report(problem, ExitCode.BadArguments);
        var threadCounts = options.Threads.ToList();
        var batches = options.Batches.ToList();
        if (threadCounts.Count == 0 || batches.Count == 0 || threadCounts.Any(t => t < 1 || t > 256) || batches.Any(b => b < 1 || b > 4096))
        {
            return CommandFailure.Report("--configs, --threads (1..256) and --batches (1..4096) need at least one valid value each", ExitCode.BadArguments);
        }

        string loadBefore = LoadAverage();
        if (!options.Json)
        {
            Console.WriteLine($"net: forward passes of a seeded random network, fp32, median of {options.Runs} runs of {options.Seconds:0.##} s; load average before: {loadBefore}");
            Console.WriteLine($"{"network",-16} {"threads",7} {"batch",5} {"evals/s",10} {"GFLOP/s",8}  runs (evals/s)");
        }
        var results = new JsonArray();
        foreach (var shape in shapes)
        {
            foreach (int threads in threadCounts)
            {
                foreach (int batch in batches)
                {
                    var result = ForwardPassBenchmark.Measure(shape, threads, batch, TimeSpan.FromSeconds(options.Seconds), options.Runs, (int)options.Seed);
                    if (options.Json)
                    {
                        results.Add(new JsonObject
                        {
                            ["board"] = shape.BoardSize,
                            ["blocks"] = shape.Blocks,
                            ["filters"] = shape.Filters,
                            ["threads"] = threads,
                            ["batch"] = batch,
                            ["evaluations_per_second"] = Math.Round(result.EvaluationsPerSecond, 1),
                            ["gflops"] = Math.Round(result.GigaflopsPerSecond, 2),
                            ["runs_evaluations_per_second"] = new JsonArray(result.RunEvaluationsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
                        });
                    }
                    else
                    {
                        Console.WriteLine($"{shape,-16} {threads,7} {batch,5} {result.EvaluationsPerSecond,10:N1} {result.GigaflopsPerSecond,8:N1}  " +
                                          string.Join(" ", result.RunEvaluationsPerSecond.Select(r => r.ToString("N1"))));
                    }
                }
            }
        }
        return Report(options, new JsonObject
        {
            ["benchmark"] = "net",
            ["seconds_per_run"] = options.Seconds,
            ["runs"] = options.Runs,
        }, loadBefore, results);
    }

    private static int RunTrain(BenchOptions options)
    {
        if (ShapesProblem(options, out var shapes) is { } problem) return CommandFailure.Report(problem, ExitCode.BadArguments);
        var threadCounts = options.Threads.ToList();
        var batches = options.TrainBatches.ToList();
        if (threadCounts.Count == 0 || batches.Count == 0 || threadCounts.Any(t => t < 1 || t > 256) || batches.Any(b => b < 1 || b > 4096))
        {
            return CommandFailure.Report("--threads (1..256) and --train-batches (1..4096) need at least one valid value each", ExitCode.BadArguments);
        }

        string loadBefore = LoadAverage();
        if (!options.Json)
        {
            Console.WriteLine($"train: full SGD steps (forward, backward, momentum update) of a seeded random network, fp32, median of {options.Runs} runs of {options.Seconds:0.##} s; load average before: {loadBefore}");
            Console.WriteLine($"{"network",-16} {"threads",7} {"batch",5} {"samples/s",10}  runs (samples/s)");
        }
        var results = new JsonArray();
        foreach (var shape in shapes)
        {
            foreach (int threads in threadCounts)
            {
                foreach (int batch in batches)
                {
                    var result = TrainingBenchmark.Measure(shape, threads, batch, TimeSpan.FromSeconds(options.Seconds), options.Runs, (int)options.Seed);
                    if (options.Json)
                    {
                        results.Add(new JsonObject
                        {
                            ["board"] = shape.BoardSize,
                            ["blocks"] = shape.Blocks,
                            ["filters"] = shape.Filters,
                            ["threads"] = threads,
                            ["batch"] = batch,
                            ["samples_per_second"] = Math.Round(result.SamplesPerSecond, 2),
                            ["runs_samples_per_second"] = new JsonArray(result.RunSamplesPerSecond.Select(r => (JsonNode)Math.Round(r, 2)).ToArray()),
                        });
                    }
                    else
                    {
                        Console.WriteLine($"{shape,-16} {threads,7} {batch,5} {result.SamplesPerSecond,10:N1}  " +
                                          string.Join(" ", result.RunSamplesPerSecond.Select(r => r.ToString("N1"))));
                    }
                }
            }
        }
        return Report(options, new JsonObject
        {
            ["benchmark"] = "train",
            ["seconds_per_run"] = options.Seconds,
            ["runs"] = options.Runs,
        }, loadBefore, results);
    }

    /// <summary>--configs as network shapes; what is wrong with them, or null.</summary>
    private static string? ShapesProblem(BenchOptions options, out List<NetworkShape> shapes)
    {
        shapes = [];
        foreach (string config in options.Configs)
        {
            var parts = config.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[0], out int size) || !int.TryParse(parts[1], out int blocks) || !int.TryParse(parts[2], out int filters))
                return $"network '{config}' is not board:blocks:filters (e.g. 19:6:64)";
            try
            {
                shapes.Add(new NetworkShape(size, blocks, filters).Validated());
            }
            catch (ArgumentException e)
            {
                return $"network '{config}': {e.Message}";
            }
        }
        return shapes.Count == 0 ? "--configs needs at least one network" : null;
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
        if (options.Leelaz is not null && !File.Exists(options.Leelaz))
        {
            return CommandFailure.Report($"--leelaz {options.Leelaz}: no such file", ExitCode.BadArguments);
        }

        int seed = (int)options.Seed;
        var weights = NetworkWeights.Random(shape, seed);
        var positions = new[]
        {
            (Name: "empty", Game: new Engine.Game(shape.BoardSize)),
            (Name: "midgame", Game: SearchBenchmark.MidGame(shape.BoardSize, options.MidgameMoves, seed)),
        };
        string? weightsPath = options.Leelaz is null ? null : LeelaZeroBaseline.ExportWeights(weights);
        string loadBefore = LoadAverage();
        if (!options.Json)
        {
            Console.WriteLine($"mcts: fresh searches of {options.Playouts} playouts, seeded random {shape} network, batch {options.Batch}, evaluation cache off, " +
                              $"median of {options.Runs} runs after {options.WarmUp:0.##} s of warm-up; mid-game: {positions[1].Game.MoveCount} seeded random moves; load average before: {loadBefore}");
            Console.WriteLine($"{"position",-8} {"threads",7} {"visits/s",9} {"evals/s",8} {"outside net",11} {"mean batch",10} {"depth",6}" +
                              (weightsPath is null ? "" : $" {"leelaz n/s",10} {"ratio",6}") + "  runs (visits/s)");
        }
        var results = new JsonArray();
        try
        {
            foreach (int threads in threadCounts)
            {
                using var network = ModelFactory.OpenInference(weights, threads);
                foreach (var (name, game) in positions)
                {
                    var ours = SearchBenchmark.Measure(network, game, name, threads, options.Batch, options.Playouts, options.Runs, options.Seed, TimeSpan.FromSeconds(options.WarmUp));
                    var theirs = weightsPath is null ? null
                        : LeelaZeroBaseline.Measure(options.Leelaz!, weightsPath, threads, options.Playouts, seed, game, name, options.Runs);
                    double? ratio = theirs is null ? null : ours.VisitsPerSecond / theirs.PlayoutsPerSecond;
                    if (options.Json)
                    {
                        var result = new JsonObject
                        {
                            ["position"] = name,
                            ["threads"] = threads,
                            ["batch"] = options.Batch,
                            ["playouts"] = options.Playouts,
                            ["visits_per_second"] = Math.Round(ours.VisitsPerSecond, 1),
                            ["evaluations_per_second"] = Math.Round(ours.EvaluationsPerSecond, 1),
                            ["outside_network_share"] = Math.Round(ours.OutsideNetworkShare, 4),
                            ["mean_batch"] = Math.Round(ours.MeanBatch, 2),
                            ["mean_depth"] = Math.Round(ours.MeanDepth, 1),
                            ["runs_visits_per_second"] = new JsonArray(ours.RunVisitsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
                        };
                        if (theirs is not null)
                        {
                            result["leelaz_playouts_per_second"] = Math.Round(theirs.PlayoutsPerSecond, 1);
                            result["leelaz_wall_visits_per_second"] = Math.Round(theirs.WallVisitsPerSecond, 1);
                            result["leelaz_runs_playouts_per_second"] = new JsonArray(theirs.RunPlayoutsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
                            result["ratio"] = Math.Round(ratio!.Value, 3);
                        }
                        results.Add(result);
                    }
                    else
                    {
                        Console.WriteLine($"{name,-8} {threads,7} {ours.VisitsPerSecond,9:N1} {ours.EvaluationsPerSecond,8:N1} {ours.OutsideNetworkShare,11:P1} {ours.MeanBatch,10:N2} {ours.MeanDepth,6:N1}" +
                                          (theirs is null ? "" : $" {theirs.PlayoutsPerSecond,10:N1} {ratio,6:N2}") +
                                          "  " + string.Join(" ", ours.RunVisitsPerSecond.Select(r => r.ToString("N1"))) +
                                          (theirs is null ? "" : "  leelaz: " + string.Join(" ", theirs.RunPlayoutsPerSecond.Select(r => r.ToString("N0")))));
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or GtpEngineException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        finally
        {
            if (weightsPath is not null) File.Delete(weightsPath);
        }
        return Report(options, new JsonObject
        {
            ["benchmark"] = "mcts",
            ["board"] = shape.BoardSize,
            ["blocks"] = shape.Blocks,
            ["filters"] = shape.Filters,
            ["runs"] = options.Runs,
            ["warmup_seconds"] = options.WarmUp,
            ["evaluation_cache"] = false,
            ["midgame_moves"] = positions[1].Game.MoveCount,
            ["leelaz"] = options.Leelaz,
        }, loadBefore, results);
    }

    /// <summary>Ends a suite's output: with --json the summary, the load average before and after, and the results as
    /// one object; otherwise the load average after the runs.</summary>
    private static int Report(BenchOptions options, JsonObject summary, string loadBefore, JsonArray results)
    {
        if (options.Json)
        {
            summary["load_average_before"] = loadBefore;
            summary["load_average_after"] = LoadAverage();
            summary["results"] = results;
            Console.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            Console.WriteLine($"load average after: {LoadAverage()}");
        }
        return ExitCode.Success;
    }

    /// <summary>How busy the machine was (Linux /proc/loadavg), so that figures can be read in context.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
