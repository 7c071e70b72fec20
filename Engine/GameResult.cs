using System.Globalization;

namespace GoZero.Engine;

public enum ResultKind
{
    Score,
    Resignation,
    Time,
    Forfeit,
}

/// <summary>How a game ended, written as SGF's RE property writes it: "B+3.5", "W+R", "0" for a draw (jigo).</summary>
/// <param name="Winner">Black, White, or Empty for a draw.</param>
/// <param name="Margin">Points by which the winner won (scored games only).</param>
public sealed record GameResult(Color Winner, ResultKind Kind, double Margin = 0)
{
    public bool IsDraw => Winner == Color.Empty;

    /// <summary>Black's score minus White's (komi included) where the result gives it: a counted game with its
    /// margin, or a draw; null for a resignation, a loss on time or by forfeit, and a count without its margin
    /// ("B+").</summary>
    public double? BlackMinusWhite =>
        Kind != ResultKind.Score ? null
        : IsDraw ? 0
        : Margin > 0 ? (Winner == Color.Black ? Margin : -Margin)
        : null;

    /// <summary>The result of a scored game from Black's score minus White's (komi included).</summary>
    public static GameResult FromScore(double blackMinusWhite) =>
        blackMinusWhite > 0 ? new(Color.Black, ResultKind.Score, blackMinusWhite)
        : blackMinusWhite < 0 ? new(Color.White, ResultKind.Score, -blackMinusWhite)
        : new(Color.Empty, ResultKind.Score);

    public static GameResult ByResignation(Color resigner) => new(resigner.Opponent(), ResultKind.Resignation);

    public override string ToString()
    {
        if (IsDraw) return "0";
        string winner = Winner.ToLetter();
        return Kind switch
        {
            ResultKind.Resignation => winner + "+R",
            ResultKind.Time => winner + "+T",
            ResultKind.Forfeit => winner + "+F",
            _ => winner + "+" + Margin.ToString("0.###", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Reads an SGF RE value ("B+3.5", "W+Resign", "B+T", "0", "Draw"); null for void or unknown ("?", "Void").</summary>
    public static GameResult? Parse(string text)
    {
        string t = text.Trim();
        if (t is "0" or "Draw" or "Jigo" or "draw") return new(Color.Empty, ResultKind.Score);
        if (t.Length < 2 || t[1] != '+' || !ColorExtensions.TryParsePlayer(t[..1], out Color winner)) return null;
        string how = t[2..];
        if (how.Length == 0) return new(winner, ResultKind.Score);
        return char.ToUpperInvariant(how[0]) switch
        {
            'R' => new(winner, ResultKind.Resignation),
            'T' => new(winner, ResultKind.Time),
            'F' => new(winner, ResultKind.Forfeit),
            _ => double.TryParse(how, NumberStyles.Float, CultureInfo.InvariantCulture, out double margin) && double.IsFinite(margin) && margin >= 0
                ? new(winner, ResultKind.Score, margin)
                : null,
        };
    }
}
