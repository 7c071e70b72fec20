using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoZero.Engine;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// Speed of the rules engine: uniformly random playouts from the empty board to the end (two passes), no player
/// filling their own single-point eyes, on one thread — the light playouts other engines (pachi) are measured by.
/// </summary>
public static class RulesBenchmark
{
    public sealed record Result(double PlayoutsPerSecond, double MovesPerSecond, double MovesPerPlayout, IReadOnlyList<double> RunPlayoutsPerSecond);

    /// <summary>bench rules: each board size in turn, as a text line as soon as it is measured, or with
    /// <paramref name="json"/> as one object at the end.</summary>
    public static void Sweep(IEnumerable<int> sizes, double seconds, int runs, ulong seed, bool json, TextWriter output)
    {
        var results = new JsonArray();
        if (!json)
            output.WriteLine($"rules: uniformly random playouts to the end, one thread, median of {runs} runs of {seconds:0.##} s; load average before: {LoadAverage.Read()}");
        foreach (int size in sizes)
        {
            var result = Measure(size, TimeSpan.FromSeconds(seconds), runs, seed);
            if (json)
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
                output.WriteLine($"{size}x{size}: {result.PlayoutsPerSecond,10:N0} playouts/s  {result.MovesPerSecond,12:N0} moves/s  " +
                                 $"({result.MovesPerPlayout:0.0} moves per playout; runs: {string.Join(" ", result.RunPlayoutsPerSecond.Select(r => r.ToString("N0")))})");
            }
        }
        if (json)
        {
            var summary = new JsonObject
            {
                ["benchmark"] = "rules",
                ["threads"] = 1,
                ["seconds_per_run"] = seconds,
                ["runs"] = runs,
                ["load_average"] = LoadAverage.Read(),
                ["results"] = results,
            };
            output.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
    }

    public static Result Measure(int size, TimeSpan runLength, int runs, ulong seed)
    {
        var geometry = BoardGeometry.Of(size);
        var empty = new Position(geometry);
        var playout = new Playout(geometry, seed);
        // Warm up so the JIT's tiered, profile-guided code is what gets timed.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(Math.Min(1.0, runLength.TotalSeconds))) playout.Run(empty);

        var playoutRates = new List<double>();
        var moveRates = new List<double>();
        long totalMoves = 0, totalPlayouts = 0;
        for (int run = 0; run < runs; run++)
        {
            long moves = 0, playouts = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < runLength)
            {
                for (int i = 0; i < 16; i++) moves += playout.Run(empty);
                playouts += 16;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            playoutRates.Add(playouts / seconds);
            moveRates.Add(moves / seconds);
            totalMoves += moves;
            totalPlayouts += playouts;
        }
        return new Result(Median.Of(playoutRates), Median.Of(moveRates), (double)totalMoves / totalPlayouts, playoutRates);
    }
}
