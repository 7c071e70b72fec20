using System.Text.Json;
using System.Text.Json.Nodes;

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
            default:
                Console.Error.WriteLine($"error: unknown benchmark suite '{options.Suite}' (known: rules)");
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
