using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>
/// What the self-play counts (<see cref="SelfPlayStatistics"/>) take from a finished game: enough to count it and to
/// calibrate resignation on it, without its moves. A worker on another machine sends it beside the game's record, so
/// that games played anywhere count, and calibrate, as the in-process self-play's do.
/// </summary>
/// <param name="Samples">Training samples of the game: its moves before a resignation.</param>
/// <param name="Moves">Moves of the game, a resignation included.</param>
/// <param name="WinnerMinimumWinRate">See <see cref="SelfPlayRecord.WinnerMinimumWinRate"/>; NaN for none.</param>
public sealed record SelfPlayGameSummary(
    long Id,
    int Samples,
    int Moves,
    bool Resigned,
    bool ResignationAllowed,
    Color WouldHaveResigned,
    bool FalseResignation,
    Color Winner,
    double WinnerMinimumWinRate)
{
    public static SelfPlayGameSummary Of(SelfPlayRecord record) => new(record.Id, record.Moves.Count, record.Game.MoveCount,
        record.Result.Kind == ResultKind.Resignation, record.ResignationAllowed, record.WouldHaveResigned, record.FalseResignation,
        record.Result.Winner, record.WinnerMinimumWinRate);
}
