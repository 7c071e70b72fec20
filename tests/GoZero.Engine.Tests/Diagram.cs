using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>Boards drawn as text for tests: rows from the top (row N) down, X black, O white, . empty; spaces ignored.</summary>
public static class Diagram
{
    public static Game Game(string diagram, RulesOptions? rules = null, Color toMove = Color.Black)
    {
        var rows = Rows(diagram);
        var game = new Game(rows.Length, rules);
        var geometry = game.Geometry;
        var stones = new List<(Move, Color)>();
        for (int r = 0; r < rows.Length; r++)
            for (int x = 0; x < rows.Length; x++)
            {
                Color color = rows[r][x] switch
                {
                    'X' => Color.Black,
                    'O' => Color.White,
                    '.' => Color.Empty,
                    char c => throw new ArgumentException($"unknown diagram character '{c}'"),
                };
                if (color != Color.Empty) stones.Add((new Move(geometry.PointAt(x, rows.Length - 1 - r)), color));
            }
        game.SetUp(stones, toMove);
        return game;
    }

    public static Position Position(string diagram, Color toMove = Color.Black) => Game(diagram, null, toMove).Current;

    /// <summary>The same text as <see cref="Engine.Position.ToString"/>, so drawn and actual boards compare as strings.</summary>
    public static string Normalize(string diagram) => string.Concat(Rows(diagram).Select(r => r + "\n"));

    private static string[] Rows(string diagram)
    {
        var rows = diagram.Split('\n')
            .Select(line => line.Replace(" ", "").Replace("\r", "").Replace("\t", ""))
            .Where(line => line.Length > 0)
            .ToArray();
        if (rows.Any(r => r.Length != rows.Length))
            throw new ArgumentException("a diagram is a square of N rows of N points");
        return rows;
    }

    public static Move At(Game game, string vertex) => Vertex.ParseGtp(vertex, game.Geometry);
}
