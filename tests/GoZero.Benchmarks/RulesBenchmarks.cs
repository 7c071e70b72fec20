using BenchmarkDotNet.Attributes;
using GoZero.Engine;

namespace GoZero.Benchmarks;

/// <summary>
/// One uniformly random playout from the empty board to the end, one thread — the rules engine's speed, as
/// `gozero bench rules` measures it, under BenchmarkDotNet's statistics. Moves per playout are printed by the CLI.
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private Position empty = null!;
    private Playout playout = null!;

    [Params(9, 19)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var geometry = BoardGeometry.Of(Size);
        empty = new Position(geometry);
        playout = new Playout(geometry, seed: 1);
    }

    [Benchmark]
    public int RandomPlayout() => playout.Run(empty);
}
