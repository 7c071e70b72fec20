using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>What the search found of one root move.</summary>
/// <param name="Q">The mean value of the move for the player to move at the root, in [−1, 1]; 0 when unvisited.</param>
public readonly record struct RootMoveStats(Move Move, int Visits, double Q, float Prior);
