using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>What the search found of one root move.</summary>
/// <param name="Q">The mean value of the move for the player to move at the root, in [−1, 1]; 0 when unvisited.</param>
/// <param name="Variance">The sample variance of the values backed up through the move, in value units; 0 under 2
/// visits.</param>
/// <param name="PolicyTarget">The move's share of π, the search's policy target (<see cref="Search.RootMoves"/>).</param>
public readonly record struct RootMoveStats(Move Move, int Visits, double Q, float Prior, double Variance, double PolicyTarget = 0)
{
    /// <summary>The lower confidence bound of the move's win rate (<see cref="LowerConfidenceBound.OfWinRate"/>): far
    /// below 0 under 2 visits.</summary>
    /// <summary>The mean score estimate of the move for the player to move at the root (<see cref="SearchNode.ScoreMean"/>);
    /// 0 without a score head.</summary>
    public double ScoreMean { get; init; }

    public double Lcb => LowerConfidenceBound.OfWinRate(Q, Variance, Visits);
}
