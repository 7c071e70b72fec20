namespace GoZero.Engine;

public sealed class IllegalMoveException(Color player, string vertex, MoveLegality reason)
    : InvalidOperationException($"illegal move {player} {vertex}: {reason.Describe()}")
{
    public MoveLegality Reason { get; } = reason;
}
