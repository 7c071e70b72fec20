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

    // Shorts: a padded point (at most 27² on 25×25) and a child count (at most 25² + 1) fit, and the four bytes they
    // free hold the score sum, so that the node stays 40 bytes.
    internal short MovePoint;
    internal short ChildCountField;
    internal float PriorValue;
    internal int VisitCount;
    internal int VirtualLossCount;
    internal double ValueSumField;
    // A float, as Leela Zero's m_squared_eval_diff: it fills the padding after State, so the node stays 40 bytes.
    internal float SquaredDeviationSumField;
    internal int FirstChildIndex;
    internal int State;
    // A float beside the double value sum: scores are shown, never searched by, so float rounding is harmless.
    internal float ScoreSumField;

    public readonly Engine.Move Move => new(MovePoint);
    public readonly float Prior => PriorValue;
    public readonly int Visits => VisitCount;
    public readonly int VirtualLoss => VirtualLossCount;

    /// <summary>The sum of the backed-up values, from the view of the player who played <see cref="Move"/>.</summary>
    public readonly double ValueSum => ValueSumField;

    /// <summary>The mean value from the view of the player who played <see cref="Move"/>; 0 before any visit.</summary>
    public readonly double Q => VisitCount > 0 ? ValueSumField / VisitCount : 0;

    /// <summary>The sample variance of the backed-up values (Welford's running sum of squared deviations, as Leela
    /// Zero's UCTNode::update keeps it); 0 under 2 visits. What <see cref="LowerConfidenceBound"/> needs.</summary>
    public readonly double ValueVariance => LowerConfidenceBound.Variance(SquaredDeviationSumField, VisitCount);

    /// <summary>The mean of the score head's estimates backed up through the node (final score difference in points,
    /// komi included), from the view of the player who played <see cref="Move"/>, as <see cref="Q"/> averages the
    /// values; 0 before any visit, and always 0 when the evaluator has no score head
    /// (<see cref="IEvaluator.EvaluatesOwnershipAndScore"/>).</summary>
    public readonly double ScoreMean => VisitCount > 0 ? ScoreSumField / VisitCount : 0;

    public readonly int FirstChild => FirstChildIndex;
    public readonly int ChildCount => ChildCountField;
    public readonly bool IsExpanded => State == Expanded;
}
