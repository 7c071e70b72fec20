using System.Text;
using System.Text.Json.Nodes;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero score GAME.sgf: reads the game, judges its dead stones and prints the area score.</summary>
public static class ScoreCommand
{
    public static int Run(ScoreOptions options)
    {
        if (PathArgument.Empty(options.Path, "the SGF path", "the game to score") is { } empty)
            return CommandFailure.Report(empty, ExitCode.BadArguments);
        try
        {
            new DeadStoneOptions(Playouts: options.Playouts).Validated();
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report($"--{e.Message}", ExitCode.BadArguments);
        }
        var (loaded, problem, exitCode) = GamePosition.Load(options.Path, options.Move);
        if (loaded is not { } game) return CommandFailure.Report(problem!, exitCode);
        var (network, networkProblem) = OwnershipNetwork(options, game.Size);
        if (networkProblem is not null) return CommandFailure.Report(networkProblem, ExitCode.BadArguments);
        DeadStones judgement;
        using (network)
            judgement = DeadStoneJudge.For(network).Judge(game, new DeadStoneOptions(Playouts: options.Playouts, Suicide: game.Rules.Suicide));

        var geometry = game.Geometry;
        double score = judgement.BlackMinusWhite(game.Rules.Komi);
        string result = GameResult.FromScore(score).ToString();
        string Vertices(StoneStatus status) => Joined(judgement.PointsWithStatus(status));
        string Joined(IEnumerable<int> points) => string.Join(' ', points.Select(p => Vertex.ToGtp(new Move(p), geometry)));
        string unsettled = Joined(judgement.UnsettledPoints);
        string open = Joined(judgement.OpenPoints());

        if (options.Json)
        {
            var json = new JsonObject
            {
                ["size"] = geometry.Size,
                ["komi"] = game.Rules.Komi,
                ["rules"] = game.Rules.ToSgfRules(),
                ["moves"] = game.MoveCount,
                ["judged_by"] = network is null ? "playouts" : "ownership",
                ["dead"] = Vertices(StoneStatus.Dead),
                ["seki"] = Vertices(StoneStatus.Seki),
                ["unsettled"] = unsettled,
                ["open"] = open,
                ["black_minus_white"] = score,
                ["result"] = result,
            };
            Console.WriteLine(json.ToJsonString());
            return ExitCode.Success;
        }
        Console.WriteLine($"{options.Path}: {geometry.Size}x{geometry.Size}, komi {game.Rules.Komi}, rules {game.Rules.ToSgfRules()}, " +
                          $"after move {game.MoveCount}");
        Console.Write(Render(game.Current, judgement));
        Console.WriteLine("x = dead black stone, o = dead white stone");
        Console.WriteLine($"dead: {NoneIfEmpty(Vertices(StoneStatus.Dead))}");
        Console.WriteLine($"seki: {NoneIfEmpty(Vertices(StoneStatus.Seki))}");
        Console.WriteLine($"unsettled: {NoneIfEmpty(unsettled)}");
        Console.WriteLine($"open: {NoneIfEmpty(open)}");
        Console.WriteLine($"score: {result} (Black minus White, komi included: {score})");
        return ExitCode.Success;
    }

    /// <summary>--weights' network, opened, or null without --weights; or the reason it cannot judge this game.</summary>
    private static (IInferenceModel? Network, string? Problem) OwnershipNetwork(ScoreOptions options, int size)
    {
        if (options.Weights is not { } path) return (null, null);
        if (options.Placement() is { Problem: { } placementProblem }) return (null, placementProblem);
        NetworkWeights weights;
        try
        {
            weights = NetworkFile.Load(path).Weights;
        }
        catch (NetworkFormatException e)
        {
            return (null, e.Message);
        }
        if (!weights.Shape.AuxiliaryHeads) return (null, $"--weights {path} has no ownership head to judge dead stones with");
        if (weights.Shape.BoardSize != size)
            return (null, $"--weights {path} is a {weights.Shape.BoardSize}×{weights.Shape.BoardSize} network, the game is {size}×{size}");
        return (ModelFactory.OpenInference(weights, threads: 1, options.CheckedPlacement.Backend, options.CheckedPlacement.Device), null);
    }

    private static string NoneIfEmpty(string text) => text.Length == 0 ? "none" : text;

    /// <summary>The board with GTP coordinates, row N at the top; dead stones in lower case.</summary>
    private static string Render(Position position, DeadStones judgement)
    {
        var geometry = position.Geometry;
        const string columns = "ABCDEFGHJKLMNOPQRSTUVWXYZ";
        var text = new StringBuilder();
        string header = "    " + string.Join(' ', columns.Take(geometry.Size)) + "\n";
        text.Append(header);
        for (int y = geometry.Size - 1; y >= 0; y--)
        {
            text.Append($"{y + 1,3} ");
            for (int x = 0; x < geometry.Size; x++)
            {
                int point = geometry.PointAt(x, y);
                bool dead = judgement.IsDead(point);
                char mark = position[point] switch
                {
                    Color.Black => dead ? 'x' : 'X',
                    Color.White => dead ? 'o' : 'O',
                    _ => '.',
                };
                text.Append(mark).Append(x < geometry.Size - 1 ? " " : "");
            }
            text.Append($" {y + 1}\n");
        }
        text.Append(header);
        return text.ToString();
    }
}
