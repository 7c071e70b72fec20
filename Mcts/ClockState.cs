namespace GoZero.Mcts;

/// <summary>
/// One player's clock under a <see cref="TimeControl"/>: main time left, and once that is gone the byo-yomi state —
/// time left in the current period, Japanese periods left (the current one included) or Canadian stones left to
/// play in the current period. Advanced one move at a time by <see cref="Spend"/>, or replaced by what the controller
/// reports with time_left (<see cref="FromTimeLeft"/>).
/// </summary>
/// <remarks>
/// A clock that reaches exactly zero has run out: a move must finish with time strictly left. Every move counts as
/// a stone of a Canadian period, a pass included.
/// </remarks>
public readonly record struct ClockState(
    TimeSpan MainTimeLeft,
    bool InByoYomi,
    TimeSpan PeriodTimeLeft,
    int PeriodsLeft,
    int StonesLeft,
    bool IsOutOfTime)
{
    /// <summary>The clock at the start of a game.</summary>
    public static ClockState Start(TimeControl control) => control.Kind switch
    {
        TimeControlKind.Unlimited => default,
        TimeControlKind.Absolute => new(control.MainTime, false, TimeSpan.Zero, 0, 0, false),
        // No main time puts the player in byo-yomi from the first move.
        _ => control.MainTime > TimeSpan.Zero
            ? new(control.MainTime, false, TimeSpan.Zero, 0, 0, false)
            : EnterByoYomi(control),
    };

    /// <summary>
    /// The clock GTP's <c>time_left time stones</c> describes: stones 0 is main time; stones &gt; 0 is byo-yomi with
    /// <paramref name="time"/> left in the period and that many stones (Canadian) or periods (Japanese, the KGS
    /// convention Leela Zero follows) left. <c>time_left c 0 0</c> under byo-yomi means main time just ran out, as
    /// Pachi and Leela Zero read it: a fresh period. Under absolute time the stones are ignored.
    /// </summary>
    public static ClockState FromTimeLeft(TimeControl control, TimeSpan time, int stones)
    {
        if (time < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(time), time, "time left cannot be negative");
        if (stones < 0) throw new ArgumentOutOfRangeException(nameof(stones), stones, "stones left cannot be negative");
        switch (control.Kind)
        {
            case TimeControlKind.Unlimited:
                return default;
            case TimeControlKind.Absolute:
                return new(time, false, TimeSpan.Zero, 0, 0, time == TimeSpan.Zero);
        }
        if (stones == 0)
            return time == TimeSpan.Zero ? EnterByoYomi(control) : new(time, false, TimeSpan.Zero, 0, 0, false);
        if (control.Kind == TimeControlKind.Canadian)
            return new(TimeSpan.Zero, true, time, 0, stones, time == TimeSpan.Zero);
        // Japanese: a period reported with no time left is used up; the next one starts full.
        if (time > TimeSpan.Zero) return new(TimeSpan.Zero, true, time, stones, 0, false);
        return stones > 1
            ? new(TimeSpan.Zero, true, control.PeriodTime, stones - 1, 0, false)
            : new(TimeSpan.Zero, true, TimeSpan.Zero, 0, 0, true);
    }

    /// <summary>The clock after a move that took <paramref name="elapsed"/> (thinking plus lag, as the server counts).</summary>
    public ClockState Spend(TimeControl control, TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, "a move cannot take negative time");
        if (control.Kind == TimeControlKind.Unlimited || IsOutOfTime) return this;
        if (!InByoYomi)
        {
            if (elapsed < MainTimeLeft) return this with { MainTimeLeft = MainTimeLeft - elapsed };
            if (!control.HasByoYomi) return this with { MainTimeLeft = TimeSpan.Zero, IsOutOfTime = true };
            // The rest of the move runs into the first period and counts there.
            return EnterByoYomi(control).SpendInByoYomi(control, elapsed - MainTimeLeft);
        }
        return SpendInByoYomi(control, elapsed);
    }

    private ClockState SpendInByoYomi(TimeControl control, TimeSpan elapsed)
    {
        if (control.Kind == TimeControlKind.Canadian)
        {
            if (elapsed >= PeriodTimeLeft) return this with { PeriodTimeLeft = TimeSpan.Zero, IsOutOfTime = true };
            int stones = StonesLeft - 1;
            return stones > 0
                ? this with { PeriodTimeLeft = PeriodTimeLeft - elapsed, StonesLeft = stones }
                : EnterByoYomi(control);
        }

        // Japanese: a move finished inside a period resets it; each period it overruns is used up.
        if (elapsed < PeriodTimeLeft) return this with { PeriodTimeLeft = control.PeriodTime };
        TimeSpan over = elapsed - PeriodTimeLeft;
        int periods = PeriodsLeft - 1;
        while (periods > 0 && over >= control.PeriodTime)
        {
            over -= control.PeriodTime;
            periods--;
        }
        return periods > 0
            ? this with { PeriodTimeLeft = control.PeriodTime, PeriodsLeft = periods }
            : this with { PeriodTimeLeft = TimeSpan.Zero, PeriodsLeft = 0, IsOutOfTime = true };
    }

    private static ClockState EnterByoYomi(TimeControl control) => control.Kind == TimeControlKind.ByoYomi
        ? new(TimeSpan.Zero, true, control.PeriodTime, control.Periods, 0, false)
        : new(TimeSpan.Zero, true, control.PeriodTime, 0, control.StonesPerPeriod, false);
}
