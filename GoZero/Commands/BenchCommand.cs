using System.Text.Json;
using System.Text.Json.Nodes;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero bench SUITE: runs a benchmark suite and prints its figures, as text or as JSON.</summary>
public static class BenchCommand
{
    public static int Run(BenchOptions options)
    {
        if (options.Seconds <= 0 || !double.IsFinite(options.Seconds) || options.Runs < 1)
        {
            Console.Error.WriteLine("error: --seconds must be positive and --runs at least 1");
            return 2;
        }
        switch (options.Suite.ToLowerInvariant())
        {
            case "rules":
                return RunRules(options);
            case "net":
                return RunNet(options);
            default:
                Console.Error.WriteLine($"error: unknown benchmark suite '{options.Suite}' (known: rules, net)");
                return 2;
        }
    }

    private static int RunRules(BenchOptions options)
    {
        foreach (int size in options.Sizes)
        {
            if (size < Engine.BoardGeometry.MinSize || size > Engine.BoardGeometry.MaxSize)
            {
                Console.Error.WriteLine($"error: board size {size} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}");
                return 2;
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
        return 0;
    }

    private static int RunNet(BenchOptions options)
    {
        var shapes = new List<NetworkShape>();
        foreach (string config in options.Configs)
        {
            var parts = config.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[0], out int size) || !int.TryParse(parts[1], out int blocks) || !int.TryParse(parts[2], out int filters))
            {
                Console.Error.WriteLine($"error: network '{config}' is not board:blocks:filters (e.g. 19:6:64)");
                return 2;
            }
            try
            {
                shapes.Add(new NetworkShape(size, blocks, filters).Validated());
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: network '{config}': {e.Message}");
                return 2;
            }
        }
        var threadCounts = options.Threads.ToList();
        var batches = options.Batches.ToList();
        if (shapes.Count == 0 || threadCounts.Count == 0 || batches.Count == 0 || threadCounts.Any(t => t < 1 || t > 256) || batches.Any(b => b < 1 || b > 4096))
        {
            Console.Error.WriteLine("error: --configs, --threads (1..256) and --batches (1..4096) need at least one valid value each");
            return 2;
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
        if (options.Json)
        {
            var json = new JsonObject
            {
                ["benchmark"] = "net",
                ["seconds_per_run"] = options.Seconds,
                ["runs"] = options.Runs,
                ["load_average_before"] = loadBefore,
                ["load_average_after"] = LoadAverage(),
                ["results"] = results,
            };
            Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            Console.WriteLine($"load average after: {LoadAverage()}");
        }
        return 0;
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
