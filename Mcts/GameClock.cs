using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// Both players' clocks for a GTP session: set by time_settings / kgs-time_settings (<see cref="Reset"/>), corrected
/// by time_left (<see cref="SetTimeLeft"/>), and advanced by the engine's own measured time when the controller sends
/// no time_left (<see cref="Spend"/>). The controller's word always wins: a time_left replaces the local estimate.
/// </summary>
public sealed class GameClock
{
    private ClockState black;
    private ClockState white;

    public GameClock(TimeControl control) => Reset(control);

    public TimeControl Control { get; private set; } = TimeControl.Unlimited;

    /// <summary>The clock of <paramref name="player"/> (Black or White).</summary>
    public ClockState this[Color player] => player switch
    {
        Color.Black => black,
        Color.White => white,
        _ => throw new ArgumentOutOfRangeException(nameof(player), player, "only Black and White have clocks"),
    };

    /// <summary>New time settings: both clocks start again from the full main time.</summary>
    public void Reset(TimeControl control)
    {
        Control = control;
        black = white = ClockState.Start(control);
    }

    /// <summary>GTP time_left: what the controller says is left on <paramref name="player"/>'s clock; see
    /// <see cref="ClockState.FromTimeLeft"/>.</summary>
    public void SetTimeLeft(Color player, TimeSpan time, int stones) =>
        Set(player, ClockState.FromTimeLeft(Control, time, stones));

    /// <summary>Charges a move that took <paramref name="elapsed"/> to <paramref name="player"/>; false once the clock has run out.</summary>
    public bool Spend(Color player, TimeSpan elapsed)
    {
        ClockState next = this[player].Spend(Control, elapsed);
        Set(player, next);
        return !next.IsOutOfTime;
    }

    private void Set(Color player, ClockState state)
    {
        if (player == Color.Black) black = state;
        else if (player == Color.White) white = state;
        else throw new ArgumentOutOfRangeException(nameof(player), player, "only Black and White have clocks");
    }
}
