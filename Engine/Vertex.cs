namespace GoZero.Engine;

/// <summary>
/// Converts moves between the engine's points and text. GTP writes a column letter A–Z without I (case-insensitive)
/// and a row number from the bottom: A1 is the lower-left corner. SGF writes two letters, column then row, with 'a'
/// the top row; an empty value (and 'tt' on boards up to 19×19) is a pass.
/// </summary>
public static class Vertex
{
    private const string GtpColumns = "ABCDEFGHJKLMNOPQRSTUVWXYZ";

    public static string ToGtp(Move move, BoardGeometry geometry)
    {
        if (move.IsPass) return "pass";
        if (move.IsResign) return "resign";
        return $"{GtpColumns[geometry.ColumnOf(move.Point)]}{geometry.RowOf(move.Point) + 1}";
    }

    /// <summary>Parses a GTP vertex or "pass" (any case); throws <see cref="VertexFormatException"/> naming the text.</summary>
    public static Move ParseGtp(string text, BoardGeometry geometry)
    {
        if (TryParseGtp(text, geometry, out Move move, out string? reason)) return move;
        throw new VertexFormatException(text, reason);
    }

    public static bool TryParseGtp(string text, BoardGeometry geometry, out Move move, out string reason)
    {
        move = Move.Pass;
        reason = "";
        string t = text.Trim();
        if (t.Equals("pass", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("resign", StringComparison.OrdinalIgnoreCase)) { move = Move.Resign; return true; }
        if (t.Length < 2)
        {
            reason = "expected a column letter and a row number, or pass";
            return false;
        }
        char letter = char.ToUpperInvariant(t[0]);
        int x = GtpColumns.IndexOf(letter);
        if (x < 0)
        {
            reason = letter == 'I' ? "GTP skips the letter I" : "the column must be a letter A-Z";
            return false;
        }
        if (!int.TryParse(t.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int row))
        {
            reason = "the row must be a number";
            return false;
        }
        if (x >= geometry.Size || row < 1 || row > geometry.Size)
        {
            reason = $"off a {geometry.Size}×{geometry.Size} board";
            return false;
        }
        move = new Move(geometry.PointAt(x, row - 1));
        return true;
    }

    public static string ToSgf(Move move, BoardGeometry geometry)
    {
        if (move.IsPass) return "";
        if (!move.IsPlay) throw new ArgumentException("SGF has no vertex for a resignation", nameof(move));
        int x = geometry.ColumnOf(move.Point);
        int sgfRow = geometry.Size - 1 - geometry.RowOf(move.Point);
        return $"{SgfLetter(x)}{SgfLetter(sgfRow)}";
    }

    /// <summary>Parses an SGF point ("" and, up to 19×19, "tt" are a pass); throws <see cref="VertexFormatException"/>.</summary>
    public static Move ParseSgf(string text, BoardGeometry geometry)
    {
        if (TryParseSgf(text, geometry, out Move move, out string reason)) return move;
        throw new VertexFormatException(text, reason);
    }

    public static bool TryParseSgf(string text, BoardGeometry geometry, out Move move, out string reason)
    {
        move = Move.Pass;
        reason = "";
        if (text.Length == 0 || (text == "tt" && geometry.Size <= 19)) return true;
        if (text.Length != 2)
        {
            reason = "an SGF point is two letters";
            return false;
        }
        int x = SgfIndex(text[0]), sgfRow = SgfIndex(text[1]);
        if (x < 0 || sgfRow < 0)
        {
            reason = "SGF points use the letters a-z and A-Z";
            return false;
        }
        if (x >= geometry.Size || sgfRow >= geometry.Size)
        {
            reason = $"off a {geometry.Size}×{geometry.Size} board";
            return false;
        }
        move = new Move(geometry.PointAt(x, geometry.Size - 1 - sgfRow));
        return true;
    }

    private static char SgfLetter(int index) => (char)(index < 26 ? 'a' + index : 'A' + index - 26);

    private static int SgfIndex(char c) => c is >= 'a' and <= 'z' ? c - 'a' : c is >= 'A' and <= 'Z' ? c - 'A' + 26 : -1;
}
