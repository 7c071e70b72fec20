namespace GoZero.Engine;

/// <summary>What occupies a point of the padded board. Black and White double as the players.</summary>
public enum Color : byte
{
    Empty = 0,
    Black = 1,
    White = 2,
    OffBoard = 3,
}

public static class ColorExtensions
{
    /// <summary>The other player: Black ⇄ White.</summary>
    public static Color Opponent(this Color player) => (Color)(3 - (int)player);

    /// <summary>"B" or "W", as GTP, SGF and the result string write a player.</summary>
    public static string ToLetter(this Color player) => player switch
    {
        Color.Black => "B",
        Color.White => "W",
        _ => throw new ArgumentOutOfRangeException(nameof(player), player, "only Black and White are players"),
    };

    /// <summary>Parses a GTP or SGF colour: b, w, black, white (any case).</summary>
    public static bool TryParsePlayer(string text, out Color player)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "b": case "black": player = Color.Black; return true;
            case "w": case "white": player = Color.White; return true;
            default: player = Color.Empty; return false;
        }
    }
}
