namespace GoZero.Mcts;

/// <summary>
/// The time system of a game, the same for both players. Built by the factories, which validate; GTP's
/// time_settings and kgs-time_settings are read into one by Gtp's ClockArguments.
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

    public override string ToString() => Kind switch
    {
        TimeControlKind.Unlimited => "no time limit",
        TimeControlKind.Absolute => $"absolute {MainTime.TotalSeconds:0.###} s",
        TimeControlKind.ByoYomi => $"{MainTime.TotalSeconds:0.###} s + {Periods} × {PeriodTime.TotalSeconds:0.###} s byo-yomi",
        _ => $"{MainTime.TotalSeconds:0.###} s + {StonesPerPeriod} stones in {PeriodTime.TotalSeconds:0.###} s (Canadian)",
    };

    private static void CheckTime(TimeSpan time, string name)
    {
        if (time < TimeSpan.Zero || time > TimeSpan.FromSeconds(MaxSeconds))
            throw new ArgumentOutOfRangeException(name, time, $"a time must lie between 0 and {MaxSeconds:0} seconds");
    }
}
