using System.Diagnostics;
using System.Text.Json.Nodes;
using GoZero.Engine;
using GoZero.Gtp;
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

    /// <summary>
    /// bench mcts: each thread count × position (the empty board, then <see cref="MidGame"/>) on a seeded random
    /// network, side by side with Leela Zero on the same weights where <paramref name="leelaz"/> names its executable.
    /// </summary>
    /// <exception cref="IOException">Leela Zero failed.</exception>
    /// <exception cref="GtpEngineException">Leela Zero failed.</exception>
    /// <exception cref="InvalidOperationException">A search stopped before its playouts.</exception>
    public static void Sweep(NetworkShape shape, ModelPlacement placement, IReadOnlyList<int> threadCounts, int batch, int playouts, int runs, ulong seed,
        double warmUpSeconds, int midgameMoves, string? leelaz, bool json, TextWriter output)
    {
        var weights = NetworkWeights.Random(shape, (int)seed);
        var positions = new[]
        {
            (Name: "empty", Game: new Game(shape.BoardSize)),
            (Name: "midgame", Game: MidGame(shape.BoardSize, midgameMoves, (int)seed)),
        };
        string? weightsPath = leelaz is null ? null : LeelaZeroBaseline.ExportWeights(weights);
        try
        {
            var report = new BenchmarkReport(output, json);
            report.Header(
                $"mcts: fresh searches of {playouts} playouts, seeded random {shape} network ({placement}), batch {batch}, evaluation cache off, " +
                $"median of {runs} runs after {warmUpSeconds:0.##} s of warm-up; mid-game: {positions[1].Game.MoveCount} seeded random moves; load average before: {report.LoadBefore}",
                $"{"position",-8} {"threads",7} {"visits/s",9} {"evals/s",8} {"outside net",11} {"mean batch",10} {"depth",6}" +
                (weightsPath is null ? "" : $" {"leelaz n/s",10} {"ratio",6}") + "  runs (visits/s)");
            foreach (int threads in threadCounts)
            {
                using var network = ModelFactory.OpenInference(weights, threads, placement.Backend, placement.Device);
                foreach (var (name, game) in positions)
                {
                    var ours = Measure(network, game, name, threads, batch, playouts, runs, seed, TimeSpan.FromSeconds(warmUpSeconds));
                    var theirs = weightsPath is null ? null : LeelaZeroBaseline.Measure(leelaz!, weightsPath, threads, playouts, (int)seed, game, name, runs);
                    report.Add(JsonRow(ours, theirs), TextRow(ours, theirs));
                }
            }
            report.Finish(new JsonObject
            {
                ["benchmark"] = "mcts",
                ["board"] = shape.BoardSize,
                ["blocks"] = shape.Blocks,
                ["filters"] = shape.Filters,
                ["runs"] = runs,
                ["warmup_seconds"] = warmUpSeconds,
                ["evaluation_cache"] = false,
                ["midgame_moves"] = positions[1].Game.MoveCount,
                ["leelaz"] = leelaz,
            });
        }
        finally
        {
            if (weightsPath is not null) File.Delete(weightsPath);
        }
    }

    private static JsonObject JsonRow(Result ours, LeelaZeroBaseline.Result? theirs)
    {
        var row = new JsonObject
        {
            ["position"] = ours.Position,
            ["threads"] = ours.Threads,
            ["batch"] = ours.Batch,
            ["playouts"] = ours.Playouts,
            ["visits_per_second"] = Math.Round(ours.VisitsPerSecond, 1),
            ["evaluations_per_second"] = Math.Round(ours.EvaluationsPerSecond, 1),
            ["outside_network_share"] = Math.Round(ours.OutsideNetworkShare, 4),
            ["mean_batch"] = Math.Round(ours.MeanBatch, 2),
            ["mean_depth"] = Math.Round(ours.MeanDepth, 1),
            ["runs_visits_per_second"] = new JsonArray(ours.RunVisitsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
        };
        if (theirs is not null)
        {
            row["leelaz_playouts_per_second"] = Math.Round(theirs.PlayoutsPerSecond, 1);
            row["leelaz_wall_visits_per_second"] = Math.Round(theirs.WallVisitsPerSecond, 1);
            row["leelaz_runs_playouts_per_second"] = new JsonArray(theirs.RunPlayoutsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
            row["ratio"] = Math.Round(ours.VisitsPerSecond / theirs.PlayoutsPerSecond, 3);
        }
        return row;
    }

    private static string TextRow(Result ours, LeelaZeroBaseline.Result? theirs) =>
        $"{ours.Position,-8} {ours.Threads,7} {ours.VisitsPerSecond,9:N1} {ours.EvaluationsPerSecond,8:N1} {ours.OutsideNetworkShare,11:P1} {ours.MeanBatch,10:N2} {ours.MeanDepth,6:N1}" +
        (theirs is null ? "" : $" {theirs.PlayoutsPerSecond,10:N1} {ours.VisitsPerSecond / theirs.PlayoutsPerSecond,6:N2}") +
        "  " + string.Join(" ", ours.RunVisitsPerSecond.Select(r => r.ToString("N1"))) +
        (theirs is null ? "" : "  leelaz: " + string.Join(" ", theirs.RunPlayoutsPerSecond.Select(r => r.ToString("N0"))));

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
