using System.Text;
using System.Text.Json.Nodes;
using GoZero.Engine;

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
        var judgement = DeadStones.Judge(game.Current, new DeadStoneOptions(Playouts: options.Playouts, Suicide: game.Rules.Suicide));

        var geometry = game.Geometry;
        double score = judgement.BlackMinusWhite(game.Rules.Komi);
        string result = GameResult.FromScore(score).ToString();
        string Vertices(StoneStatus status) =>
            string.Join(' ', judgement.PointsWithStatus(status).Select(p => Vertex.ToGtp(new Move(p), geometry)));

        if (options.Json)
        {
            var json = new JsonObject
            {
                ["size"] = geometry.Size,
                ["komi"] = game.Rules.Komi,
                ["rules"] = game.Rules.ToSgfRules(),
                ["moves"] = game.MoveCount,
                ["dead"] = Vertices(StoneStatus.Dead),
                ["seki"] = Vertices(StoneStatus.Seki),
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
        Console.WriteLine($"score: {result} (Black minus White, komi included: {score})");
        return ExitCode.Success;
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
