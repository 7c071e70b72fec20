using System.Globalization;
using System.Reflection;
using System.Text;

namespace GoZero.Engine;

/// <summary>
/// Writes a game record as plain FF[4] SGF that Sabaki, GNU Go and KGS read:
/// <c>(;FF[4]GM[1]CA[UTF-8]AP[GoZero:1.0.0]SZ[19]KM[7.5]RU[Chinese]…;B[pd];W[dp]…)</c>. A pass is written B[],
/// FF[4]'s own spelling, rather than the older tt that boards over 19×19 read as a point.
/// </summary>
public static class SgfWriter
{
    private const int MovesPerLine = 10;

    /// <summary>"GoZero:" and the engine's version, for AP.</summary>
    public static string Application { get; } = "GoZero:" + Version();

    public static string Write(SgfGame game)
    {
        var geometry = BoardGeometry.Of(game.Size);
        var sgf = new StringBuilder("(;FF[4]GM[1]CA[UTF-8]");
        Append(sgf, "AP", Application);
        Append(sgf, "SZ", game.Size.ToString(CultureInfo.InvariantCulture));
        Append(sgf, "KM", game.Komi.ToString(CultureInfo.InvariantCulture));
        Append(sgf, "RU", game.Rules.ToSgfRules());
        if (game.Handicap > 0) Append(sgf, "HA", game.Handicap.ToString(CultureInfo.InvariantCulture));
        AppendSetup(sgf, game, geometry);
        if (game.PlayerToMove is { } first) Append(sgf, "PL", first.ToLetter());
        if (game.BlackPlayer is not null) Append(sgf, "PB", game.BlackPlayer);
        if (game.WhitePlayer is not null) Append(sgf, "PW", game.WhitePlayer);
        if (game.Date is not null) Append(sgf, "DT", game.Date);
        if (game.Result is not null) Append(sgf, "RE", game.Result.ToString());
        if (game.Comment is not null) Append(sgf, "C", game.Comment);
        int written = 0;
        foreach (var move in game.Moves)
        {
            // SGF has no resignation move: RE says who resigned.
            if (move.Move.IsResign) continue;
            sgf.Append(written++ % MovesPerLine == 0 ? "\n;" : ";");
            Append(sgf, move.Player.ToLetter(), Vertex.ToSgf(move.Move, geometry));
            if (move.Comment is not null) Append(sgf, "C", move.Comment);
        }
        sgf.Append(")\n");
        return sgf.ToString();
    }

    /// <summary>Writes the file atomically (<see cref="AtomicFile"/>), so that a crash or a reader never sees half a game.</summary>
    public static void Save(SgfGame game, string path) =>
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Write(game))));

    /// <summary>Escapes a Text or SimpleText value: ']' and '\' take a backslash (FF[4] section 3.2).</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(']', '\\') < 0) return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (c is ']' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static void Append(StringBuilder sgf, string identifier, string value) =>
        sgf.Append(identifier).Append('[').Append(Escape(value)).Append(']');

    /// <summary>The stones on the board before the first move, as one AB and one AW list.</summary>
    private static void AppendSetup(StringBuilder sgf, SgfGame game, BoardGeometry geometry)
    {
        if (game.Setup.Count == 0) return;
        var board = new Dictionary<int, Color>();
        foreach (var (point, color) in game.Setup) board[point.Point] = color;
        foreach (var color in (ReadOnlySpan<Color>)[Color.Black, Color.White])
        {
            var points = board.Where(p => p.Value == color).Select(p => p.Key).Order().ToList();
            if (points.Count == 0) continue;
            sgf.Append(color == Color.Black ? "AB" : "AW");
            foreach (int point in points) sgf.Append('[').Append(Vertex.ToSgf(new Move(point), geometry)).Append(']');
        }
    }

    private static string Version()
    {
        string version = typeof(SgfWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(SgfWriter).Assembly.GetName().Version?.ToString()
            ?? "0";
        // "1.0.0+<40-digit commit>": a short commit is enough to find the build.
        int plus = version.IndexOf('+');
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }
}
