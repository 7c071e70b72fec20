using System.Text.Json.Nodes;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero net eval FILE --sgf GAME [--move K]: what the network says of a position — its value and the
/// moves its policy likes best, and for a network with KataGo's heads the score it expects and who it expects to own
/// each point.</summary>
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
            if (evaluation.Ownership is { } owners && evaluation.Score is float points)
            {
                // Both from the side to move's view, as the network gives them; ownership indexed y·N + x, row 1 first.
                json["score"] = Math.Round(points, 3);
                json["ownership"] = new JsonArray(owners.Select(o => (JsonNode)Math.Round(o, 4)).ToArray());
            }
            Console.WriteLine(json.ToJsonString());
            return ExitCode.Success;
        }
        Console.WriteLine($"{path}: {shape} network; {sgf} after move {game.MoveCount}, {toMove} to move ({symmetry})");
        Console.WriteLine($"value: {evaluation.Value:+0.0000;-0.0000} (win rate {evaluation.WinRate:P2} for {toMove})");
        Console.WriteLine($"policy, best {best.Count} legal moves:");
        foreach (var (candidate, prior) in best)
            Console.WriteLine($"  {Vertex.ToGtp(candidate, game.Geometry),-5} {prior,8:P2}");
        if (evaluation.Ownership is { } ownership && evaluation.Score is float score)
        {
            // Black's view for a reader: the network's view is the side to move's.
            float sign = game.ToMove == Color.Black ? 1 : -1;
            float black = sign * score;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"score: {(black >= 0 ? "B" : "W")}+{Math.Abs(black):0.0} ({score:+0.0;-0.0} for {toMove})"));
            Console.WriteLine("ownership (X Black's, O White's: capital at 0.6 or more, small at 0.2 to 0.6; . neither):");
            foreach (string line in OwnershipMap(game.Geometry, ownership, sign)) Console.WriteLine(line);
        }
        return ExitCode.Success;
    }

    /// <summary>The board from the top row down, a letter per point for who is expected to own it from Black's view
    /// (<paramref name="sign"/> turns the side to move's view into Black's), GTP's column letters below.</summary>
    private static IEnumerable<string> OwnershipMap(BoardGeometry geometry, float[] ownership, float sign)
    {
        int size = geometry.Size;
        for (int y = size - 1; y >= 0; y--)
        {
            var row = new System.Text.StringBuilder($"{y + 1,3} ");
            for (int x = 0; x < size; x++)
            {
                float black = sign * ownership[y * size + x];
                row.Append(' ').Append(black switch { >= 0.6f => 'X', >= 0.2f => 'x', <= -0.6f => 'O', <= -0.2f => 'o', _ => '.' });
            }
            yield return row.ToString();
        }
        yield return "    " + string.Concat(Enumerable.Range(0, size).Select(x => " " + Vertex.ToGtp(new Move(geometry.PointAt(x, 0)), geometry)[0]));
    }
}
