namespace GoZero.Mcts;

/// <summary>Why a search ended.</summary>
public enum StopReason
{
    /// <summary><see cref="SearchOptions.MaxPlayouts"/> playouts were done.</summary>
    PlayoutLimit,
    /// <summary>The root reached <see cref="SearchOptions.MaxVisits"/> visits.</summary>
    VisitLimit,
    /// <summary>The tree reached <see cref="SearchOptions.NodeBudget"/>: a leaf could not be expanded.</summary>
    NodeBudget,
    /// <summary>The caller's cancellation token fired.</summary>
    Cancelled,
    /// <summary>The time limit of <see cref="SearchLimits.TimeLimit"/> passed.</summary>
    TimeLimit,
    /// <summary>The most visited root move could no longer be overtaken within the playouts left
    /// (<see cref="SearchOptions.EarlyStop"/>).</summary>
    EarlyStop,
}
