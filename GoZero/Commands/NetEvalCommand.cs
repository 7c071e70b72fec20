using System.Text.Json.Nodes;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero net eval FILE --sgf GAME [--move K]: what the network says of a position — its value and the
/// moves its policy likes best.</summary>
public static class NetEvalCommand
{
    private const int TopMoves = 10;

    public static int Run(NetOptions options)
    {
        if (options.File is not { Length: > 0 } path || options.Sgf is not { Length: > 0 } sgf)
            return CommandFailure.Report("net eval needs the network FILE and --sgf GAME", ExitCode.BadArguments);
        var (placement, badPlacement) = options.Placement();
        if (placement is null) return CommandFailure.Report(badPlacement!, ExitCode.BadArguments);
        var network = NetworkFile.Load(path);
        var (loaded, problem, exitCode) = GamePosition.Load(sgf, options.Move);
        if (loaded is not { } game) return CommandFailure.Report(problem!, exitCode);
        var shape = network.Weights.Shape;
        if (shape.BoardSize != game.Size)
            return CommandFailure.Report($"{path} is a {shape.BoardSize}×{shape.BoardSize} network; {sgf} is a {game.Size}×{game.Size} game", ExitCode.BadInput);

        using var net = ModelFactory.OpenInference(network.Weights, threads: 1, placement.Backend, placement.Device);
        var evaluator = new NetworkEvaluator(net);
        var evaluation = options.Average ? evaluator.EvaluateAllSymmetries(game) : evaluator.Evaluate(game);
        var legal = game.LegalMoves().ToHashSet();
        var best = Enumerable.Range(0, shape.PolicySize)
            .Select(index => (Move: game.Geometry.MoveOfPolicyIndex(index), Prior: evaluation.Policy[index]))
            .Where(candidate => legal.Contains(candidate.Move))
            .OrderByDescending(candidate => candidate.Prior)
            .Take(TopMoves)
            .ToList();
        string toMove = game.ToMove == Color.Black ? "Black" : "White";
        string symmetry = options.Average ? "mean of the 8 symmetries" : "identity symmetry";

        if (options.Json)
        {
            var json = new JsonObject
            {
                ["network"] = path,
                ["shape"] = shape.ToString(),
                ["moves"] = game.MoveCount,
                ["to_move"] = game.ToMove.ToLetter(),
                ["symmetry"] = options.Average ? "average" : "identity",
                ["value"] = Math.Round(evaluation.Value, 6),
                ["winrate"] = Math.Round(evaluation.WinRate, 6),
                ["policy"] = new JsonArray(best.Select(c => (JsonNode)new JsonObject
                {
                    ["move"] = Vertex.ToGtp(c.Move, game.Geometry),
                    ["prior"] = Math.Round(c.Prior, 6),
                }).ToArray()),
            };
            Console.WriteLine(json.ToJsonString());
            return ExitCode.Success;
        }
        Console.WriteLine($"{path}: {shape} network; {sgf} after move {game.MoveCount}, {toMove} to move ({symmetry})");
        Console.WriteLine($"value: {evaluation.Value:+0.0000;-0.0000} (win rate {evaluation.WinRate:P2} for {toMove})");
        Console.WriteLine($"policy, best {best.Count} legal moves:");
        foreach (var (candidate, prior) in best)
            Console.WriteLine($"  {Vertex.ToGtp(candidate, game.Geometry),-5} {prior,8:P2}");
        return ExitCode.Success;
    }
}
