using System.Globalization;

namespace GoZero.Mcts;

/// <summary>
/// The time system of a game, the same for both players. Built by the factories, which validate, or read from GTP
/// with <see cref="ParseGtp"/> (time_settings) and <see cref="ParseKgs"/> (kgs-time_settings).
/// </summary>
public sealed record TimeControl
{
    /// <summary>The largest time any argument may give: about three years, far inside <see cref="TimeSpan"/>.</summary>
    public const double MaxSeconds = 1e8;

    /// <summary>The largest stone or period count any argument may give.</summary>
    public const int MaxCount = 100_000;

    public static readonly TimeControl Unlimited = new(TimeControlKind.Unlimited, TimeSpan.Zero, TimeSpan.Zero, 0, 0);

    public TimeControlKind Kind { get; }

    /// <summary>Main time of each player; zero for <see cref="TimeControlKind.Unlimited"/>.</summary>
    public TimeSpan MainTime { get; }

    /// <summary>Length of one byo-yomi period (Japanese) or of the Canadian period; zero without byo-yomi.</summary>
    public TimeSpan PeriodTime { get; }

    /// <summary>Number of Japanese byo-yomi periods; zero for the other kinds.</summary>
    public int Periods { get; }

    /// <summary>Stones to play in each Canadian period; zero for the other kinds.</summary>
    public int StonesPerPeriod { get; }

    /// <summary>Whether running out of main time leads into byo-yomi rather than losing.</summary>
    public bool HasByoYomi => Kind is TimeControlKind.ByoYomi or TimeControlKind.Canadian;

    private TimeControl(TimeControlKind kind, TimeSpan mainTime, TimeSpan periodTime, int periods, int stonesPerPeriod)
    {
        Kind = kind;
        MainTime = mainTime;
        PeriodTime = periodTime;
        Periods = periods;
        StonesPerPeriod = stonesPerPeriod;
    }

    /// <summary>Sudden death with <paramref name="mainTime"/> for each player.</summary>
    public static TimeControl Absolute(TimeSpan mainTime)
    {
        CheckTime(mainTime, nameof(mainTime));
        return new(TimeControlKind.Absolute, mainTime, TimeSpan.Zero, 0, 0);
    }

    /// <summary>Japanese byo-yomi: <paramref name="periods"/> periods of <paramref name="periodTime"/> after the main time.</summary>
    public static TimeControl ByoYomi(TimeSpan mainTime, TimeSpan periodTime, int periods)
    {
        CheckTime(mainTime, nameof(mainTime));
        CheckTime(periodTime, nameof(periodTime));
        if (periodTime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(periodTime), periodTime, "a byo-yomi period must last some time");
        if (periods < 1 || periods > MaxCount) throw new ArgumentOutOfRangeException(nameof(periods), periods, $"byo-yomi needs 1 to {MaxCount} periods");
        return new(TimeControlKind.ByoYomi, mainTime, periodTime, periods, 0);
    }

    /// <summary>Canadian byo-yomi: <paramref name="stonesPerPeriod"/> stones in each <paramref name="periodTime"/> after the main time.</summary>
    public static TimeControl Canadian(TimeSpan mainTime, TimeSpan periodTime, int stonesPerPeriod)
    {
        CheckTime(mainTime, nameof(mainTime));
        CheckTime(periodTime, nameof(periodTime));
        if (periodTime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(periodTime), periodTime, "a Canadian period must last some time");
        if (stonesPerPeriod < 1 || stonesPerPeriod > MaxCount)
            throw new ArgumentOutOfRangeException(nameof(stonesPerPeriod), stonesPerPeriod, $"a Canadian period needs 1 to {MaxCount} stones");
        return new(TimeControlKind.Canadian, mainTime, periodTime, 0, stonesPerPeriod);
    }

    /// <summary>
    /// Reads GTP v2's <c>time_settings main_time byo_yomi_time byo_yomi_stones</c> (GTP v2 §4.2 and §6.3.5): stones &gt; 0
    /// is Canadian byo-yomi; byo_yomi_time 0 is absolute time (whatever the stones); byo_yomi_time &gt; 0 with stones 0
    /// means no time limit. So <c>0 0 0</c> is, by the letter of the spec, absolute time with no time at all — the
    /// reading KataGo and GoGui also give it; the budget is then zero. Times are seconds (the spec says integers;
    /// decimals are accepted).
    /// </summary>
    public static TimeControl ParseGtp(IReadOnlyList<string> arguments)
    {
        const string command = "time_settings";
        if (arguments.Count != 3)
            throw new TimeControlFormatException(command, $"expected 3 arguments (main_time byo_yomi_time byo_yomi_stones), got {arguments.Count}");
        TimeSpan main = ParseSeconds(command, "main_time", arguments[0]);
        TimeSpan byo = ParseSeconds(command, "byo_yomi_time", arguments[1]);
        int stones = ParseCount(command, "byo_yomi_stones", arguments[2]);
        return FromGtpTriple(main, byo, stones);
    }

    /// <summary>
    /// Reads KGS's <c>kgs-time_settings none | absolute main | byoyomi main period_time periods | canadian main
    /// period_time stones</c>. The canadian form follows time_settings' meaning of its numbers; a byoyomi form with a
    /// zero period time or zero periods has no byo-yomi and is absolute time.
    /// </summary>
    public static TimeControl ParseKgs(IReadOnlyList<string> arguments)
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
                return Unlimited;
            case "absolute":
                return Absolute(ParseSeconds(command, "main_time", arguments[1]));
            case "byoyomi":
            {
                TimeSpan main = ParseSeconds(command, "main_time", arguments[1]);
                TimeSpan period = ParseSeconds(command, "period_time", arguments[2]);
                int periods = ParseCount(command, "periods", arguments[3]);
                return period == TimeSpan.Zero || periods == 0 ? Absolute(main) : ByoYomi(main, period, periods);
            }
            default:
            {
                TimeSpan main = ParseSeconds(command, "main_time", arguments[1]);
                TimeSpan period = ParseSeconds(command, "period_time", arguments[2]);
                int stones = ParseCount(command, "stones", arguments[3]);
                return FromGtpTriple(main, period, stones);
            }
        }
    }

    public override string ToString() => Kind switch
    {
        TimeControlKind.Unlimited => "no time limit",
        TimeControlKind.Absolute => $"absolute {MainTime.TotalSeconds:0.###} s",
        TimeControlKind.ByoYomi => $"{MainTime.TotalSeconds:0.###} s + {Periods} × {PeriodTime.TotalSeconds:0.###} s byo-yomi",
        _ => $"{MainTime.TotalSeconds:0.###} s + {StonesPerPeriod} stones in {PeriodTime.TotalSeconds:0.###} s (Canadian)",
    };

    private static TimeControl FromGtpTriple(TimeSpan main, TimeSpan byo, int stones)
    {
        if (byo == TimeSpan.Zero) return Absolute(main);
        if (stones == 0) return Unlimited;
        return Canadian(main, byo, stones);
    }

    /// <summary>Reads a non-negative number of seconds; shared with time_left.</summary>
    internal static TimeSpan ParseSeconds(string command, string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds))
            throw new TimeControlFormatException(command, $"{name} '{text}' is not a number of seconds");
        if (seconds < 0) throw new TimeControlFormatException(command, $"{name} {text} is negative");
        if (seconds > MaxSeconds) throw new TimeControlFormatException(command, $"{name} {text} is more than {MaxSeconds:0} seconds");
        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>Reads a non-negative count of stones or periods; shared with time_left.</summary>
    internal static int ParseCount(string command, string name, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
            throw new TimeControlFormatException(command, $"{name} '{text}' is not a whole number");
        if (count < 0) throw new TimeControlFormatException(command, $"{name} {text} is negative");
        if (count > MaxCount) throw new TimeControlFormatException(command, $"{name} {text} is more than {MaxCount}");
        return (int)count;
    }

    private static void CheckTime(TimeSpan time, string name)
    {
        if (time < TimeSpan.Zero || time > TimeSpan.FromSeconds(MaxSeconds))
            throw new ArgumentOutOfRangeException(name, time, $"a time must lie between 0 and {MaxSeconds:0} seconds");
    }
}
