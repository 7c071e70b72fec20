using System.Text;
using GoZero.Engine;

namespace GoZero.Gtp;

/// <summary>
/// The board as <c>showboard</c> shows it, in GNU Go's manner: GTP coordinates around it, row N at the top, X for
/// Black and O for White, the last move in parentheses, and the captures and player to move beside the board.
/// </summary>
public static class BoardDiagram
{
    private const string Columns = "ABCDEFGHJKLMNOPQRSTUVWXYZ";

    public static string Render(Game game)
    {
        var position = game.Current;
        var geometry = game.Geometry;
        int size = geometry.Size;
        int lastMove = game.MoveCount > 0 && game.Moves[^1].IsPlay ? game.Moves[^1].Point : -1;
        string header = "   " + string.Concat(Columns.Take(size).Select(c => $" {c}"));
        var side = new[]
        {
            $"Black (X) has captured {position.Captures(Color.Black)} stones",
            $"White (O) has captured {position.Captures(Color.White)} stones",
            $"{(game.ToMove == Color.Black ? "Black" : "White")} to move, komi {game.Rules.Komi}, move {game.MoveCount}",
        };
        var text = new StringBuilder("\n").Append(header).Append('\n');
        for (int y = size - 1; y >= 0; y--)
        {
            text.Append($"{y + 1,2} ");
            for (int x = 0; x < size; x++)
            {
                int point = geometry.PointAt(x, y);
                char mark = position[point] switch { Color.Black => 'X', Color.White => 'O', _ => '.' };
                // The last move is bracketed: "(X)" takes the spaces before and after the stone.
                text.Append(point == lastMove ? '(' : x > 0 && geometry.PointAt(x - 1, y) == lastMove ? ')' : ' ').Append(mark);
            }
            text.Append(geometry.PointAt(size - 1, y) == lastMove ? ')' : ' ');
            text.Append($"{y + 1,2}");
            int line = size - 1 - y;
            if (line < side.Length) text.Append("     ").Append(side[line]);
            text.Append('\n');
        }
        text.Append(header);
        for (int line = size; line < side.Length; line++) text.Append('\n').Append(side[line]);
        return text.ToString();
    }
}
