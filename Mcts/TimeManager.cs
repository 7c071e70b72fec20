using System.Diagnostics;
using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// The thinking time for the next move from the clock of the player to move. With R the main time left, m the
/// estimate of the player's own moves left (<see cref="OwnMovesLeft"/>), and usable(t) = t − min(L, t/2) the part of
/// a time t a move may think for, L the lag buffer (KataGo's applyLagBuffer: a short time keeps half as its margin):
/// <list type="bullet">
/// <item>Unlimited: no budget (null); the search's playout or visit limit decides.</item>
/// <item>Absolute: usable(R)/m, Leela Zero's (R − L)/m (TimeControl.cpp, max_time_for_move): a share of what is
/// left, so the clock runs down geometrically and every move thinks.</item>
/// <item>Japanese byo-yomi, in main time: R/m + usable(P), P the period. What overruns the main time falls into the
/// first period and stays under P, so no period is used. In byo-yomi: usable(T), T the time left in the period (at most
/// P): most of one period, and the spare periods stay untouched as a reserve.</item>
/// <item>Canadian, in main time: R/m + usable(P/S), S the stones per period; the overrun is below P/S, so the period
/// is entered with at least its share per stone. In the period: usable(T/s), s the stones left: each stone then leaves
/// more than T/s per remaining stone, so the share never shrinks and the last stone has usable(T).</item>
/// </list>
/// Every budget is at least <see cref="TimeManagerOptions.MinimumThinking"/> where the clock affords it, and never more
/// than the clock affords: usable(R) in sudden death, R plus the first period's (or stone's) usable time in main time,
/// the budget itself in byo-yomi. The search adds <see cref="TimeManagerOptions.MinimumPlayouts"/> on any clock, so a
/// move is never an empty search.
/// <para>
/// The guarantee: a move that spends its budget with an overhead (what the server charges beyond it) below its margin
/// — min(L, t/2) of the time t it was given — never loses a byo-yomi period or overruns a Canadian period, for any
/// number of moves, and never runs a sudden-death clock out on the move. Sudden death itself survives only as many
/// moves as the overheads leave time for; each move's share of what is left keeps the clock positive otherwise.
/// </para>
/// </summary>
public sealed class TimeManager
{
    public TimeManager(TimeManagerOptions? options = null) => Options = (options ?? TimeManagerOptions.Default).Validated();

    public TimeManagerOptions Options { get; }

    /// <summary>
    /// The budget for the player whose clock is <paramref name="clock"/>, on a board of <paramref name="boardSize"/>
    /// with <paramref name="moveNumber"/> plies already played; null when there is no time limit, zero when the clock
    /// has run out.
    /// </summary>
    public TimeSpan? Budget(TimeControl control, ClockState clock, int boardSize, int moveNumber)
    {
        if (control.Kind == TimeControlKind.Unlimited) return null;
        if (clock.IsOutOfTime) return TimeSpan.Zero;
        long main = clock.MainTimeLeft.Ticks;
        long share, affordable;
        switch (control.Kind)
        {
            case TimeControlKind.Absolute:
                affordable = Usable(main);
                share = affordable / OwnMovesLeft(boardSize, moveNumber);
                break;
            case TimeControlKind.ByoYomi when clock.InByoYomi:
                affordable = share = Usable(Math.Min(clock.PeriodTimeLeft.Ticks, control.PeriodTime.Ticks));
                break;
            case TimeControlKind.ByoYomi:
            {
                long period = Usable(control.PeriodTime.Ticks);
                share = main / OwnMovesLeft(boardSize, moveNumber) + period;
                affordable = main + period;
                break;
            }
            case TimeControlKind.Canadian when clock.InByoYomi:
                affordable = share = Usable(clock.PeriodTimeLeft.Ticks / Math.Max(1, clock.StonesLeft));
                break;
            default:
            {
                long stone = Usable(control.PeriodTime.Ticks / control.StonesPerPeriod);
                share = main / OwnMovesLeft(boardSize, moveNumber) + stone;
                affordable = main + stone;
                break;
            }
        }
        Debug.Assert(0 <= share && share <= affordable);
        return TimeSpan.FromTicks(Math.Max(share, Math.Min(Options.MinimumThinking.Ticks, affordable)));
    }

    /// <summary>usable(t) = t − min(L, t/2): what a move may think of a time t, its margin kept.</summary>
    private long Usable(long ticks) => ticks <= 0 ? 0 : ticks - Math.Min(Options.LagBuffer.Ticks, ticks / 2);

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
