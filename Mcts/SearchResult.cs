namespace GoZero.Mcts;

/// <summary>The outcome of one <see cref="Search.Run"/>.</summary>
/// <param name="Playouts">Playouts this run backed up.</param>
/// <param name="RootVisits">The root's visits after the run, those kept from earlier searches included.</param>
/// <param name="Moves">Every root move, most visited first (ties: higher prior first).</param>
/// <param name="NodesUsed">Nodes in the tree after the run.</param>
/// <param name="GumbelMove">The Gumbel root search's move (<see cref="GumbelRoot"/>), which the player plays in place
/// of a choice by visits; null for a PUCT root.</param>
public sealed record SearchResult(
    int Playouts,
    int RootVisits,
    StopReason StopReason,
    IReadOnlyList<RootMoveStats> Moves,
    int NodesUsed,
    TimeSpan Elapsed,
    Engine.Move? GumbelMove = null)
{
    /// <summary>The most visited move; pass when the root has no children.</summary>
    public Engine.Move BestMove => Moves.Count > 0 ? Moves[0].Move : Engine.Move.Pass;
}
