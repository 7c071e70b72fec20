namespace GoZero.Mcts;

/// <summary>
/// One node of the <see cref="SearchTree"/>: the move that leads to it, its prior, its statistics and where its
/// children lie. A struct in the tree's pooled arrays (as Ceres' MCTSNodeStruct), never a heap object. Statistics are
/// from the view of the player who played <see cref="Move"/>, so a parent picks the child of highest Q.
/// Search threads update the counters with <see cref="Interlocked"/>.
/// </summary>
public struct SearchNode
{
    internal const int Unexpanded = 0, Expanding = 1, Expanded = 2;

    internal int MovePoint;
    internal float PriorValue;
    internal int VisitCount;
    internal int VirtualLossCount;
    internal double ValueSumField;
    internal int FirstChildIndex;
    internal int ChildCountField;
    internal int State;

    public readonly Engine.Move Move => new(MovePoint);
    public readonly float Prior => PriorValue;
    public readonly int Visits => VisitCount;
    public readonly int VirtualLoss => VirtualLossCount;

    /// <summary>The sum of the backed-up values, from the view of the player who played <see cref="Move"/>.</summary>
    public readonly double ValueSum => ValueSumField;

    /// <summary>The mean value from the view of the player who played <see cref="Move"/>; 0 before any visit.</summary>
    public readonly double Q => VisitCount > 0 ? ValueSumField / VisitCount : 0;

    public readonly int FirstChild => FirstChildIndex;
    public readonly int ChildCount => ChildCountField;
    public readonly bool IsExpanded => State == Expanded;
}
