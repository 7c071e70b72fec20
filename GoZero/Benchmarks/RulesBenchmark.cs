using System.Diagnostics;
using GoZero.Engine;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// Speed of the rules engine: uniformly random playouts from the empty board to the end (two passes), no player
/// filling their own single-point eyes, on one thread — the light playouts other engines (pachi) are measured by.
/// </summary>
public static class RulesBenchmark
{
    public sealed record Result(double PlayoutsPerSecond, double MovesPerSecond, double MovesPerPlayout, IReadOnlyList<double> RunPlayoutsPerSecond);

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
