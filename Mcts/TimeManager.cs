using System.Diagnostics;
using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// The thinking time for the next move from the clock of the player to move. With L the lag buffer, R the main time
/// left, m the estimate of the player's own moves left (<see cref="OwnMovesLeft"/>):
/// <list type="bullet">
/// <item>Unlimited: no budget (null); the search's playout or visit limit decides.</item>
/// <item>Absolute: max(0, R − L·(m + F + 1)) / m, F the floor of m. A lag buffer is kept back for this move, for
/// each of the m expected ones and for F more past the expected end, so thinking never eats the time the moves'
/// overheads will need, even in a game that runs long.</item>
/// <item>Japanese byo-yomi, in main time: R/m + max(0, P − L), P the period. What overruns the main time falls into
/// the first period and stays under P − L + lag &lt; P, so no period is used. In byo-yomi: max(0, T − L), T the time
/// left in the period: never more than one period, and the spare periods stay untouched as a reserve.</item>
/// <item>Canadian, in main time: R/m + max(0, P/S − L), S the stones per period; the overrun is below P/S, so the
/// period is entered with at least its fair share per stone. In the period: max(0, T/s − L), s the stones left.
/// Each stone then leaves more than T/s per remaining stone, so the share never shrinks and the last stone has
/// T − L.</item>
/// </list>
/// The guarantee: while each move's overhead (the time the server charges beyond the budget) stays below L, a move
/// that spends its budget never runs the clock out in byo-yomi or Canadian time with P ≥ L (Canadian: P/S ≥ L), for
/// any number of moves. In sudden death no budget survives an endless game; this one never overruns the move it is
/// given for (budget + L ≤ R whenever the budget is not zero), and with every overhead just under L it lasts at least
/// until ply area·E + 2F (E the expected length per area: 505 plies on 19×19, 113 on 9×9), longer with more main time:
/// while m counts down the reserve shrinks by L a move and the overhead by less, and at the floor the reserve of
/// 2F + 1 overheads is left.
/// </summary>
public sealed class TimeManager
{
    public TimeManager(TimeManagerOptions? options = null) => Options = (options ?? TimeManagerOptions.Default).Validated();

    public TimeManagerOptions Options { get; }

    /// <summary>
    /// The budget for the player whose clock is <paramref name="clock"/>, on a board of <paramref name="boardSize"/>
    /// with <paramref name="moveNumber"/> plies already played; null when there is no time limit, zero when the clock
    /// cannot afford any thinking.
    /// </summary>
    public TimeSpan? Budget(TimeControl control, ClockState clock, int boardSize, int moveNumber)
    {
        if (control.Kind == TimeControlKind.Unlimited) return null;
        if (clock.IsOutOfTime) return TimeSpan.Zero;
        long lag = Options.LagBuffer.Ticks;
        long mainShare(long m) => clock.MainTimeLeft.Ticks / m;
        long budget;
        switch (control.Kind)
        {
            case TimeControlKind.Absolute:
            {
                long m = OwnMovesLeft(boardSize, moveNumber);
                long reserve = lag * (m + MovesLeftFloor(boardSize) + 1);
                budget = Math.Max(0, clock.MainTimeLeft.Ticks - reserve) / m;
                Debug.Assert(budget == 0 || budget + lag <= clock.MainTimeLeft.Ticks);
                break;
            }
            case TimeControlKind.ByoYomi:
                budget = clock.InByoYomi
                    ? Math.Max(0, Math.Min(clock.PeriodTimeLeft.Ticks, control.PeriodTime.Ticks) - lag)
                    : mainShare(OwnMovesLeft(boardSize, moveNumber)) + Math.Max(0, control.PeriodTime.Ticks - lag);
                break;
            default:
            {
                long perStone = control.PeriodTime.Ticks / control.StonesPerPeriod;
                budget = clock.InByoYomi
                    ? Math.Max(0, clock.PeriodTimeLeft.Ticks / Math.Max(1, clock.StonesLeft) - lag)
                    : mainShare(OwnMovesLeft(boardSize, moveNumber)) + Math.Max(0, perStone - lag);
                break;
            }
        }
        return TimeSpan.FromTicks(budget);
    }

    /// <summary>The budget for <paramref name="player"/> on <paramref name="clock"/>.</summary>
    public TimeSpan? Budget(GameClock clock, Color player, int boardSize, int moveNumber) =>
        Budget(clock.Control, clock[player], boardSize, moveNumber);

    /// <summary>
    /// Estimate of the player's own moves left: max(⌊area·f⌋, ⌈(area·E − n)/2⌉, 1), with n the plies played, E
    /// <see cref="TimeManagerOptions.ExpectedGameLengthPerArea"/> and f <see cref="TimeManagerOptions.MinimumMovesLeftPerArea"/>.
    /// Half the expected plies left are the player's; the floor is Leela Zero's constant horizon (TimeControl.cpp,
    /// get_moves_expected: area/5), so late in a long game each move still takes a fixed share of what is left.
    /// </summary>
    public int OwnMovesLeft(int boardSize, int moveNumber)
    {
        if (boardSize < BoardGeometry.MinSize || boardSize > BoardGeometry.MaxSize)
            throw new ArgumentOutOfRangeException(nameof(boardSize), boardSize, $"board size must be {BoardGeometry.MinSize} to {BoardGeometry.MaxSize}");
        ArgumentOutOfRangeException.ThrowIfNegative(moveNumber);
        int area = boardSize * boardSize;
        int expected = (int)Math.Ceiling((area * Options.ExpectedGameLengthPerArea - moveNumber) / 2);
        return Math.Max(1, Math.Max(MovesLeftFloor(boardSize), expected));
    }

    /// <summary>F = ⌊area·f⌋, the floor of <see cref="OwnMovesLeft"/>.</summary>
    public int MovesLeftFloor(int boardSize) => (int)(boardSize * boardSize * Options.MinimumMovesLeftPerArea);
}
