using GoZero.Engine;

namespace GoZero.Network;

/// <summary>What the network says of one position, on the board's own orientation.</summary>
/// <param name="Policy">Move probabilities, N² points (index y·N + x) then pass: the softmax of the logits over all
/// N²+1 moves, occupied points included, as Leela Zero computes it.</param>
/// <param name="Value">The value head's output in [−1, 1], from the view of the player to move.</param>
/// <param name="Ownership">For a network with the ownership head, each point's expected final owner in [−1, 1] from
/// the view of the player to move (index y·N + x); null otherwise.</param>
/// <param name="Score">For a network with the score head, the expected final score difference in points from the
/// view of the player to move; null otherwise.</param>
public sealed record Evaluation(float[] Policy, float Value, float[]? Ownership = null, float? Score = null)
{
    /// <summary>(1 + value) / 2: the player to move's winning chance, as Leela Zero reports it.</summary>
    public double WinRate => (1.0 + Value) / 2.0;
}

/// <summary>
/// Evaluates positions of a game with a model (<see cref="InferenceBatch"/>): encodes the input planes under a
/// symmetry, runs the model, turns logits into probabilities and maps the policy back onto the board. One symmetry, or
/// the mean of all 8 (one batch of 8), as Leela Zero's DIRECT and AVERAGE ensembles do. Allocates per call: for tools
/// and tests; the search's evaluator reuses its batches. The model stays the caller's to dispose.
/// </summary>
public sealed class NetworkEvaluator(IInferenceModel model)
{
    public IInferenceModel Model { get; } = model;

    public Evaluation Evaluate(Game game, int symmetry = 0) => Run(game, [symmetry]);

    /// <summary>The mean of the policies (mapped back) and of the values over the 8 symmetries.</summary>
    public Evaluation EvaluateAllSymmetries(Game game) => Run(game, [0, 1, 2, 3, 4, 5, 6, 7]);

    private Evaluation Run(Game game, int[] symmetries)
    {
        int size = game.Size, networkSize = Model.Description.BoardSize;
        if (size != networkSize)
            throw new ArgumentException($"the network is for {networkSize}×{networkSize}, the game is {size}×{size}");
        bool auxiliary = Model.Description.Has(HeadKind.Ownership);
        var batch = new InferenceBatch(Model, auxiliary);
        batch.Start(1, symmetries.Length);
        for (int k = 0; k < symmetries.Length; k++) batch.Encode(0, k, game, symmetries[k]);
        batch.Run();
        var policy = new float[size * size + 1];
        float value = batch.Combine(0, policy);
        if (!auxiliary) return new Evaluation(policy, value);
        var ownership = new float[size * size];
        float score = batch.CombineAuxiliary(0, ownership);
        return new Evaluation(policy, value, ownership, score);
    }
}
