namespace GoZero.Mcts;

/// <summary>
/// How <see cref="TimeManager"/> turns a clock into a per-move budget.
/// </summary>
/// <param name="LagBufferSeconds">Margin kept on every move for what the server charges beyond our thinking: GTP and
/// network round trips, the end of the search, garbage collection. The guarantee that no move runs out of time holds
/// while each move's overhead stays below it. Default 1 s (Leela Zero's <c>--lagbuffer</c> default is 1 s too).</param>
/// <param name="ExpectedGameLengthPerArea">Expected length of a game in plies, as a multiple of the board's area
/// (1.0: 361 plies on 19×19, 81 on 9×9). Drives the estimate of moves left in the opening and middle game.</param>
/// <param name="MinimumMovesLeftPerArea">Floor of the estimate of the player's own moves left, as a multiple of the
/// area (0.2: 72 on 19×19, 16 on 9×9 — Leela Zero's constant horizon of area/5). Past the expected length the engine
/// keeps spending a fixed share of what is left rather than all of it.</param>
public sealed record TimeManagerOptions(
    double LagBufferSeconds = 1.0,
    double ExpectedGameLengthPerArea = 1.0,
    double MinimumMovesLeftPerArea = 0.2)
{
    public static readonly TimeManagerOptions Default = new();

    public TimeSpan LagBuffer => TimeSpan.FromTicks((long)Math.Round(LagBufferSeconds * TimeSpan.TicksPerSecond));

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot be used.</summary>
    public TimeManagerOptions Validated()
    {
        if (!double.IsFinite(LagBufferSeconds) || LagBufferSeconds < 0 || LagBufferSeconds > 3600)
            throw new ArgumentException($"lag buffer {LagBufferSeconds} s is not between 0 and 3600 seconds");
        if (!double.IsFinite(ExpectedGameLengthPerArea) || ExpectedGameLengthPerArea <= 0 || ExpectedGameLengthPerArea > 10)
            throw new ArgumentException($"expected game length {ExpectedGameLengthPerArea} × area is not in (0, 10]");
        if (!double.IsFinite(MinimumMovesLeftPerArea) || MinimumMovesLeftPerArea < 0 || MinimumMovesLeftPerArea > 10)
            throw new ArgumentException($"minimum moves left {MinimumMovesLeftPerArea} × area is not in [0, 10]");
        return this;
    }
}
