using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>One root move as <c>lz-analyze</c> and <c>kata-analyze</c> report it.</summary>
/// <param name="Visits">Visits of the move.</param>
/// <param name="WinRate">The mean value as the root mover's win rate, (1 + Q)/2, in [0, 1].</param>
/// <param name="Prior">The move's prior (after root noise, if any).</param>
/// <param name="Lcb">The lower confidence bound of <paramref name="WinRate"/> (<see cref="RootMoveStats.Lcb"/>), clamped
/// to [0, WinRate] (Leela Zero prints a negative bound as 0): 0 under 2 visits.</param>
/// <param name="Order">Rank in <see cref="SearchAnalysis.Moves"/>: 0 for the move the search would play.</param>
/// <param name="PrincipalVariation">The move, then the most visited child of each node below it.</param>
/// <param name="ScoreLead">The mean of the score estimates backed up through the move, in points for the root mover
/// (komi included; <see cref="SearchNode.ScoreMean"/>); null when the evaluator has no score head.</param>
public sealed record AnalysisMove(Move Move, int Visits, double WinRate, float Prior, double Lcb, int Order, IReadOnlyList<Move> PrincipalVariation,
    double? ScoreLead = null);
