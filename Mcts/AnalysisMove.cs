using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>One root move as <c>lz-analyze</c> reports it.</summary>
/// <param name="Visits">Visits of the move.</param>
/// <param name="WinRate">The mean value as the root mover's win rate, (1 + Q)/2, in [0, 1].</param>
/// <param name="Prior">The move's prior (after root noise, if any).</param>
/// <param name="Lcb">A lower confidence bound of <paramref name="WinRate"/>, in [0, WinRate]; see <see cref="LowerBound"/>.</param>
/// <param name="Order">Rank by visits, 0 for the most visited.</param>
/// <param name="PrincipalVariation">The move, then the most visited child of each node below it.</param>
public sealed record AnalysisMove(Move Move, int Visits, double WinRate, float Prior, double Lcb, int Order, IReadOnlyList<Move> PrincipalVariation)
{
    /// <summary>z of the bound: the two-sided 95% normal quantile.</summary>
    public const double Z = 1.96;

    /// <summary>
    /// p − z·√(p(1−p)/n), clamped to [0, p]; 0 before any visit. The backed-up values, as win rates, lie in [0, 1],
    /// and a variable in [0, 1] with mean p has variance at most p(1−p) (Bhatia–Davis), so this is Leela Zero's
    /// mean − z·stddev/√n (UCTNode::get_eval_lcb) with the largest standard deviation the mean allows: no squared
    /// values need to be kept in the tree, and the bound is never wider than needed by more than that.
    /// </summary>
    public static double LowerBound(double winRate, int visits)
    {
        if (visits <= 0) return 0;
        double p = Math.Clamp(winRate, 0, 1);
        return Math.Clamp(p - Z * Math.Sqrt(p * (1 - p) / visits), 0, p);
    }
}
