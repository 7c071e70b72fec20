using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>One move of a self-play game and what the search said before it.</summary>
/// <param name="Move">The move played.</param>
/// <param name="Policy">π: the root's visit counts as a distribution over the N² points and pass (policy index order,
/// <see cref="BoardGeometry.PolicyIndexOf"/>), the network's training target.</param>
/// <param name="WinRate">The searching side's win rate for the move played, 0 to 1.</param>
/// <param name="Visits">The root's visits.</param>
/// <param name="FullSearch">Whether the move had the full search, so that π is a policy target; false for the fast
/// moves of playout cap randomisation (<see cref="PlayoutCapRandomisation"/>).</param>
public sealed record SelfPlayMove(Move Move, float[] Policy, double WinRate, int Visits, bool FullSearch = true);
