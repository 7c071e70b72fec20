namespace GoZero.Mcts;

/// <summary>
/// How <see cref="TimeManager"/> turns a clock into a per-move budget.
/// </summary>
/// <param name="LagBufferSeconds">Margin kept back from the time a move may take, for what the server charges beyond
/// our thinking: GTP and network round trips, the end of the search, garbage collection. Where the time a move may
/// take is under twice the buffer (a 1 s byo-yomi period), half of it is kept instead, as KataGo's timecontrols.cpp
/// does, so that a short period is still mostly used. Default 1 s (Leela Zero's <c>--lagbuffer</c> and KataGo's
/// <c>lagBuffer</c> defaults are 1 s too).</param>
/// <param name="ExpectedGameLengthPerArea">Expected length of a game in plies, as a multiple of the board's area
/// (1.0: 361 plies on 19×19, 81 on 9×9). Drives the estimate of moves left in the opening and middle game.</param>
/// <param name="MinimumMovesLeftPerArea">Floor of the estimate of the player's own moves left, as a multiple of the
/// area (0.2: 72 on 19×19, 16 on 9×9 — Leela Zero's constant horizon of area/5). Past the expected length the engine
/// keeps spending a fixed share of what is left rather than all of it.</param>
/// <param name="MinimumThinkingSeconds">The least a move thinks while the clock can afford it (at most the time the
/// move may take, its margin kept): late in sudden death a share of a few seconds left would be a few milliseconds,
/// too few playouts for a real move. Default 0.2 s.</param>
/// <param name="MinimumPlayouts">The playouts a move on the clock always gets, even when the clock cannot afford any
/// thinking: the first expands the root, the second visits the network's favourite move, so the move played is at
/// least the policy's choice and never the pass or first point of an empty search. Default 2.</param>
public sealed record TimeManagerOptions(
    double LagBufferSeconds = 1.0,
    double ExpectedGameLengthPerArea = 1.0,
    double MinimumMovesLeftPerArea = 0.2,
    double MinimumThinkingSeconds = 0.2,
    int MinimumPlayouts = 2)
{
    public static readonly TimeManagerOptions Default = new();

    public TimeSpan LagBuffer => Seconds(LagBufferSeconds);

    public TimeSpan MinimumThinking => Seconds(MinimumThinkingSeconds);

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot be used.</summary>
    public TimeManagerOptions Validated()
    {
        if (!double.IsFinite(LagBufferSeconds) || LagBufferSeconds < 0 || LagBufferSeconds > 3600)
            throw new ArgumentException($"lag buffer {LagBufferSeconds} s is not between 0 and 3600 seconds");
        if (!double.IsFinite(ExpectedGameLengthPerArea) || ExpectedGameLengthPerArea <= 0 || ExpectedGameLengthPerArea > 10)
            throw new ArgumentException($"expected game length {ExpectedGameLengthPerArea} × area is not in (0, 10]");
        if (!double.IsFinite(MinimumMovesLeftPerArea) || MinimumMovesLeftPerArea < 0 || MinimumMovesLeftPerArea > 10)
            throw new ArgumentException($"minimum moves left {MinimumMovesLeftPerArea} × area is not in [0, 10]");
        if (!double.IsFinite(MinimumThinkingSeconds) || MinimumThinkingSeconds < 0 || MinimumThinkingSeconds > 3600)
            throw new ArgumentException($"minimum thinking time {MinimumThinkingSeconds} s is not between 0 and 3600 seconds");
        if (MinimumPlayouts < 1 || MinimumPlayouts > 1_000_000)
            throw new ArgumentException($"minimum playouts {MinimumPlayouts} is not between 1 and 1,000,000");
        return this;
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
