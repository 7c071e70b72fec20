namespace GoZero.Mcts;

/// <summary>
/// What bounds one <see cref="Search.Run(SearchLimits, CancellationToken)"/> besides the playout and visit limits of
/// <see cref="SearchOptions"/>, and who is told how it goes. Per call rather than per search, because GTP gives each
/// move its own time budget and each <c>lz-analyze</c> its own interval.
/// </summary>
public sealed record SearchLimits
{
    public static readonly SearchLimits None = new();

    /// <summary>The search stops once this much time has passed since it started; null: no time limit. It may run
    /// over by the time of the batch being evaluated when the limit passes.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The time limit does not stop the search before it has done this many playouts (the playout and visit
    /// limits, the node budget and cancellation still do): a move on a clock that cannot afford any thinking is still
    /// more than an empty search. Default 0.</summary>
    public int MinimumPlayouts { get; init; }

    /// <summary>Called every <see cref="AnalysisInterval"/> during the search (from a search thread, while the others
    /// search on) and once at its end with <see cref="SearchAnalysis.IsFinal"/> set. Null: no analysis.</summary>
    public Action<SearchAnalysis>? Analysis { get; init; }

    /// <summary>Orders the analysis's moves as <see cref="MovePolicy.RankedByLcb"/> does, so that the first is the move
    /// a player with LCB selection plays (Leela Zero orders <c>lz-analyze</c> so); else most visited first. Default
    /// false.</summary>
    public bool AnalysisRankedByLcb { get; init; }

    /// <summary>Time between two analysis callbacks. Default 1 s.</summary>
    public TimeSpan AnalysisInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Playouts of this run, in place of <see cref="SearchOptions.MaxPlayouts"/>: the small budget of a fast
    /// move under KataGo's playout cap randomisation. Null: the options' playouts.</summary>
    public int? MaxPlayouts { get; init; }

    /// <summary>Whether the root explores as the options say: Dirichlet noise, forced playouts, Gumbel noise. False for
    /// the fast moves of playout cap randomisation, which only move the game on (Wu 2019, section 3.1: no noise on
    /// them). Default true.</summary>
    public bool RootExploration { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first limit out of range.</summary>
    public SearchLimits Validated()
    {
        if (TimeLimit is { } limit && limit < TimeSpan.Zero)
            throw new ArgumentException($"search time limit {limit} must not be negative");
        if (MinimumPlayouts < 0)
            throw new ArgumentException($"minimum playouts {MinimumPlayouts} must not be negative");
        if (MaxPlayouts is < 0)
            throw new ArgumentException($"search playouts {MaxPlayouts} must not be negative");
        if (AnalysisInterval < TimeSpan.Zero)
            throw new ArgumentException($"analysis interval {AnalysisInterval} must not be negative");
        return this;
    }
}
