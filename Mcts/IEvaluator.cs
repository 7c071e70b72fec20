namespace GoZero.Mcts;

/// <summary>
/// Evaluates a batch of leaf positions for the search: for each request, a prior per legal move (the request's
/// <see cref="EvaluationRequest.Moves"/>, pass included, summing to 1) and a value in [−1, 1] from the view of the
/// player to move. Called by several search threads at once, so implementations are thread-safe.
/// </summary>
public interface IEvaluator
{
    void Evaluate(ReadOnlySpan<EvaluationRequest> batch);

    /// <summary>Whether <see cref="Evaluate"/> also writes each request's <see cref="EvaluationRequest.Ownership"/>
    /// and <see cref="EvaluationRequest.Score"/> (a network with KataGo's ownership and score heads). The search then
    /// averages them as it averages values.</summary>
    bool EvaluatesOwnershipAndScore => false;
}
