using System.Diagnostics;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// Speed of the search with a network: visits per second of fresh searches of a fixed number of playouts from one
/// position, and the share of their wall time spent outside the network evaluator. The evaluation cache is off, so
/// every playout that reaches a leaf costs a network evaluation (Leela Zero, the baseline, keeps its NNCache).
/// The network uses as many threads per forward pass as the search has threads: one search thread evaluates each
/// batch of leaves while the others wait for theirs, so this is how the search uses every core.
/// </summary>
public static class SearchBenchmark
{
    /// <param name="VisitsPerSecond">Median over the runs of playouts / wall time of <see cref="Search.Run"/>.</param>
    /// <param name="EvaluationsPerSecond">Median over the runs of positions the network evaluated / wall time: below
    /// the visits when playouts end in a scored terminal position (two passes), which a random network's pass prior
    /// makes common.</param>
    /// <param name="MeanDepth">Mean over the runs' playouts of the moves from the root to the leaf: each descent plays
    /// and selects that many times, so the search's own cost per visit grows with it.</param>
    /// <param name="OutsideNetworkShare">Median over the runs of 1 − (wall time with at least one evaluation running) / wall time.</param>
    public sealed record Result(
        string Position,
        int Threads,
        int Batch,
        int Playouts,
        double VisitsPerSecond,
        double EvaluationsPerSecond,
        double OutsideNetworkShare,
        double MeanBatch,
        double MeanDepth,
        IReadOnlyList<double> RunVisitsPerSecond);

    /// <summary>The mid-game position: <paramref name="moves"/> seeded uniformly random legal moves from the empty
    /// board, never a pass and never filling one's own single-point eye, so that the stones stay spread out.</summary>
    public static Game MidGame(int size, int moves, int seed)
    {
        var game = new Game(size);
        var random = new Random(seed);
        for (int i = 0; i < moves; i++)
        {
            var candidates = game.LegalMoves().Where(m => m.IsPlay && !FillsOwnEye(game, m)).ToList();
            if (candidates.Count == 0) break;
            game.Play(candidates[random.Next(candidates.Count)]);
        }
        return game;
    }

    private static bool FillsOwnEye(Game game, Move move)
    {
        var position = game.Current;
        foreach (int offset in game.Geometry.NeighbourOffsets)
        {
            int neighbour = move.Point + offset;
            if (game.Geometry.IsOnBoard(neighbour) && position[neighbour] != game.ToMove) return false;
        }
        return true;
    }

    public static Result Measure(IInferenceModel network, Game start, string name, int threads, int batch, int playouts, int runs, ulong seed, TimeSpan warmUpTime)
    {
        var options = new SearchOptions { Threads = threads, BatchSize = batch, MaxPlayouts = playouts, Seed = seed, NodeBudget = Math.Max(SearchOptions.Default.NodeBudget, (playouts + 1) * 400) };
        // Untimed searches first (one at least): the JIT promotes the kernels to optimised code only
        // after they have run a while (tiered compilation), and a short warm-up left the first runs several times slower.
        var warmUp = Stopwatch.StartNew();
        do new Search(start, new NetworkPolicyEvaluator(network, seed: seed), options with { MaxPlayouts = Math.Min(playouts, 200) }).Run();
        while (warmUp.Elapsed < warmUpTime);

        var rates = new List<double>();
        var evaluationRates = new List<double>();
        var outside = new List<double>();
        long calls = 0, positions = 0, depthSum = 0, playoutSum = 0;
        for (int run = 0; run < runs; run++)
        {
            // A fresh evaluator each run restarts its symmetry sequence, so that one thread searches the same tree every run.
            var timed = new TimedEvaluator(new NetworkPolicyEvaluator(network, seed: seed));
            var search = new Search(start, timed, options);
            var clock = Stopwatch.StartNew();
            var result = search.Run();
            var wall = clock.Elapsed;
            // Each expansion allocates a child per legal move (up to N²+1), so the budget above holds every playout.
            if (result.StopReason != StopReason.PlayoutLimit)
                throw new InvalidOperationException($"the search stopped early ({result.StopReason}) after {result.Playouts} of {playouts} playouts");
            rates.Add(result.Playouts / wall.TotalSeconds);
            evaluationRates.Add(timed.Positions / wall.TotalSeconds);
            outside.Add(1 - timed.Busy / wall);
            // Each playout adds a visit to every node of its path, so the non-root visits sum the playouts' depths.
            for (int node = 1; node < search.Tree.Count; node++) depthSum += search.Tree[node].Visits;
            playoutSum += search.Tree[SearchTree.Root].Visits;
            calls += timed.Calls;
            positions += timed.Positions;
        }
        return new Result(name, threads, batch, playouts, Median.Of(rates), Median.Of(evaluationRates), Median.Of(outside),
            calls == 0 ? 0 : (double)positions / calls, playoutSum == 0 ? 0 : (double)depthSum / playoutSum, rates);
    }
}
