using System.Globalization;
using GoZero.Engine;

namespace GoZero.Gtp;

/// <summary>
/// The arguments of <c>lz-analyze</c>, <c>lz-genmove_analyze</c>, <c>analyze</c> and <c>genmove_analyze</c>, read as
/// tolerantly as Leela Zero (AnalyzeTags) and KataGo read them: a colour and an interval in centiseconds, each
/// optional, positional or keyed (<c>lz-analyze b 50</c>, <c>lz-analyze interval 50</c>, <c>lz-analyze 50</c>), in any
/// order; and KataGo's <c>ownership true|false</c>, which <c>kata-analyze</c> answers. Other keys (<c>minmoves 2</c>,
/// <c>avoid b q16 10</c>) are skipped with their values; anything else is a syntax error.
/// </summary>
/// <param name="Player">Whose move to analyse; null: the player to move.</param>
/// <param name="Interval">Time between two info lines; zero prints none (Leela Zero's meaning of 0).</param>
/// <param name="Ownership">Whether kata-analyze is to print the ownership (<c>ownership true</c>).</param>
public sealed record AnalysisRequest(Color? Player, TimeSpan Interval, bool Ownership = false)
{
    /// <summary>The interval when none is given: one line a second, so that a person typing the command sees output.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>The largest interval accepted: an hour.</summary>
    public const int MaxCentiseconds = 360_000;

    // Keys Leela Zero and KataGo know, with the number of values each takes.
    private static readonly Dictionary<string, int> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["minmoves"] = 1, ["maxmoves"] = 1, ["avoid"] = 3, ["allow"] = 3, ["ownershipStdev"] = 1,
        ["movesOwnership"] = 1, ["movesOwnershipStdev"] = 1, ["pvVisits"] = 1, ["pvEdgeVisits"] = 1, ["rootInfo"] = 1,
        ["noResultValue"] = 1,
    };

    /// <summary>Reads the arguments; throws a <see cref="GtpError"/> syntax error for what cannot be read.</summary>
    public static AnalysisRequest Parse(IReadOnlyList<string> arguments)
    {
        Color? player = null;
        int? centiseconds = null;
        bool ownership = false;
        for (int i = 0; i < arguments.Count; i++)
        {
            string token = arguments[i];
            if (player is null && ColorExtensions.TryParsePlayer(token, out Color color))
            {
                player = color;
            }
            else if (IsNumber(token))
            {
                if (centiseconds is not null) throw GtpError.Syntax($"a second interval '{token}'");
                centiseconds = ParseCentiseconds(token);
            }
            else if (token.Equals("interval", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= arguments.Count || !IsNumber(arguments[i + 1])) throw GtpError.Syntax("interval needs a number of centiseconds");
                centiseconds = ParseCentiseconds(arguments[++i]);
            }
            else if (token.Equals("ownership", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= arguments.Count || !bool.TryParse(arguments[i + 1], out ownership))
                    throw GtpError.Syntax("ownership needs true or false");
                i++;
            }
            else if (IsKey(token))
            {
                // A key of Leela Zero's or KataGo's, or one of some later engine's: skip its values.
                int values = KnownKeys.GetValueOrDefault(token, 1);
                if (i + values >= arguments.Count) throw GtpError.Syntax($"'{token}' needs {values} value(s)");
                i += values;
            }
            else
            {
                throw GtpError.Syntax($"'{token}' is neither a colour, an interval nor a key");
            }
        }
        return new AnalysisRequest(player, centiseconds is int c ? TimeSpan.FromMilliseconds(10.0 * c) : DefaultInterval, ownership);
    }

    private static bool IsNumber(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);

    private static bool IsKey(string token) =>
        token.Length > 0 && char.IsAsciiLetter(token[0]) && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static int ParseCentiseconds(string token)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int centiseconds) || centiseconds > MaxCentiseconds)
            throw GtpError.Syntax($"interval {token} must be 0 to {MaxCentiseconds} centiseconds");
        return centiseconds;
    }
}
