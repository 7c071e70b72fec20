using System.Globalization;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// The arguments of GTP's clock commands read into values: <c>time_settings</c> and <c>kgs-time_settings</c> into a
/// <see cref="TimeControl"/>, <c>time_left</c> into the player, time and stones a <see cref="GameClock"/> takes.
/// Anything that cannot be read throws <see cref="TimeControlFormatException"/> naming the command and the argument.
/// </summary>
public static class ClockArguments
{
    /// <summary>
    /// Reads GTP v2's <c>time_settings main_time byo_yomi_time byo_yomi_stones</c> (GTP v2 §4.2 and §6.3.5): stones &gt; 0
    /// is Canadian byo-yomi; byo_yomi_time 0 is absolute time (whatever the stones); byo_yomi_time &gt; 0 with stones 0
    /// means no time limit. So <c>0 0 0</c> is, by the letter of the spec, absolute time with no time at all — the
    /// reading KataGo and GoGui also give it; the budget is then zero. Times are seconds (the spec says integers;
    /// decimals are accepted).
    /// </summary>
    public static TimeControl TimeSettings(IReadOnlyList<string> arguments)
    {
        const string command = "time_settings";
        if (arguments.Count != 3)
            throw new TimeControlFormatException(command, $"expected 3 arguments (main_time byo_yomi_time byo_yomi_stones), got {arguments.Count}");
        TimeSpan main = Seconds(command, "main_time", arguments[0]);
        TimeSpan byo = Seconds(command, "byo_yomi_time", arguments[1]);
        int stones = Count(command, "byo_yomi_stones", arguments[2]);
        return FromGtpTriple(main, byo, stones);
    }

    /// <summary>
    /// Reads KGS's <c>kgs-time_settings none | absolute main | byoyomi main period_time periods | canadian main
    /// period_time stones</c>. The canadian form follows time_settings' meaning of its numbers; a byoyomi form with a
    /// zero period time or zero periods has no byo-yomi and is absolute time.
    /// </summary>
    public static TimeControl KgsTimeSettings(IReadOnlyList<string> arguments)
    {
        const string command = "kgs-time_settings";
        if (arguments.Count == 0)
            throw new TimeControlFormatException(command, "missing the time system (none, absolute, byoyomi or canadian)");
        string system = arguments[0].ToLowerInvariant();
        int expected = system switch
        {
            "none" => 1,
            "absolute" => 2,
            "byoyomi" or "canadian" => 4,
            _ => throw new TimeControlFormatException(command, $"unknown time system '{arguments[0]}' (none, absolute, byoyomi or canadian)"),
        };
        if (arguments.Count != expected)
            throw new TimeControlFormatException(command, $"'{system}' takes {expected - 1} numbers, got {arguments.Count - 1}");
        switch (system)
        {
            case "none":
                return TimeControl.Unlimited;
            case "absolute":
                return TimeControl.Absolute(Seconds(command, "main_time", arguments[1]));
            case "byoyomi":
            {
                TimeSpan main = Seconds(command, "main_time", arguments[1]);
                TimeSpan period = Seconds(command, "period_time", arguments[2]);
                int periods = Count(command, "periods", arguments[3]);
                return period == TimeSpan.Zero || periods == 0 ? TimeControl.Absolute(main) : TimeControl.ByoYomi(main, period, periods);
            }
            default:
            {
                TimeSpan main = Seconds(command, "main_time", arguments[1]);
                TimeSpan period = Seconds(command, "period_time", arguments[2]);
                int stones = Count(command, "stones", arguments[3]);
                return FromGtpTriple(main, period, stones);
            }
        }
    }

    /// <summary>Reads GTP's <c>time_left color time stones</c>, for <see cref="GameClock.SetTimeLeft"/>.</summary>
    public static (Color Player, TimeSpan Time, int Stones) TimeLeft(IReadOnlyList<string> arguments)
    {
        const string command = "time_left";
        if (arguments.Count != 3)
            throw new TimeControlFormatException(command, $"expected 3 arguments (color time stones), got {arguments.Count}");
        if (!ColorExtensions.TryParsePlayer(arguments[0], out Color player))
            throw new TimeControlFormatException(command, $"'{arguments[0]}' is not a color (b, w, black or white)");
        TimeSpan time = Seconds(command, "time", arguments[1]);
        int stones = Count(command, "stones", arguments[2]);
        return (player, time, stones);
    }

    private static TimeControl FromGtpTriple(TimeSpan main, TimeSpan byo, int stones)
    {
        if (byo == TimeSpan.Zero) return TimeControl.Absolute(main);
        if (stones == 0) return TimeControl.Unlimited;
        return TimeControl.Canadian(main, byo, stones);
    }

    /// <summary>Reads a non-negative number of seconds, at most <see cref="TimeControl.MaxSeconds"/>.</summary>
    private static TimeSpan Seconds(string command, string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds))
            throw new TimeControlFormatException(command, $"{name} '{text}' is not a number of seconds");
        if (seconds < 0) throw new TimeControlFormatException(command, $"{name} {text} is negative");
        if (seconds > TimeControl.MaxSeconds) throw new TimeControlFormatException(command, $"{name} {text} is more than {TimeControl.MaxSeconds:0} seconds");
        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>Reads a non-negative count of stones or periods, at most <see cref="TimeControl.MaxCount"/>.</summary>
    private static int Count(string command, string name, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
            throw new TimeControlFormatException(command, $"{name} '{text}' is not a whole number");
        if (count < 0) throw new TimeControlFormatException(command, $"{name} {text} is negative");
        if (count > TimeControl.MaxCount) throw new TimeControlFormatException(command, $"{name} {text} is more than {TimeControl.MaxCount}");
        return (int)count;
    }
}
