namespace GoZero.Mcts;

/// <summary>A snapshot of the root during or after a search.</summary>
/// <param name="RootVisits">The root's visits, those kept from earlier searches included.</param>
/// <param name="Playouts">Playouts of this run so far.</param>
/// <param name="Moves">The visited root moves, most visited first (ties: higher prior first), or in the order of
/// <see cref="SearchLimits.AnalysisRankedByLcb"/>.</param>
/// <param name="IsFinal">True for the one snapshot taken when the search has ended.</param>
/// <param name="BlackOwnership">The mean ownership of the search's leaves from Black's view, N² values in dense-index
/// order (<see cref="Search.FillBlackOwnership"/>); null without an ownership head or before the first leaf.</param>
public sealed record SearchAnalysis(int RootVisits, int Playouts, TimeSpan Elapsed, IReadOnlyList<AnalysisMove> Moves, bool IsFinal,
    IReadOnlyList<float>? BlackOwnership = null);
