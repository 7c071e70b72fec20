using GoZero.Engine;

namespace GoZero.Network;

/// <summary>What the network says of one position, on the board's own orientation.</summary>
/// <param name="Policy">Move probabilities, N² points (index y·N + x) then pass: the softmax of the logits over all
/// N²+1 moves, occupied points included, as Leela Zero computes it.</param>
/// <param name="Value">The value head's output in [−1, 1], from the view of the player to move.</param>
public sealed record Evaluation(float[] Policy, float Value)
{
    /// <summary>(1 + value) / 2: the player to move's winning chance, as Leela Zero reports it.</summary>
    public double WinRate => (1.0 + Value) / 2.0;
}

/// <summary>
/// Evaluates positions of a game with a <see cref="PolicyValueNet"/>: encodes the input planes under a symmetry,
/// runs the network, turns logits into probabilities and maps the policy back onto the board. One symmetry, or the
/// mean of all 8 (one batch of 8), as Leela Zero's DIRECT and AVERAGE ensembles do. Allocates per call: for tools and
/// tests; the search batches positions itself. The network stays the caller's to dispose.
/// </summary>
public sealed class NetworkEvaluator(PolicyValueNet network)
{
    public PolicyValueNet Network { get; } = network;

    public Evaluation Evaluate(Game game, int symmetry = 0) => Run(game, [symmetry]);

    /// <summary>The mean of the policies (mapped back) and of the values over the 8 symmetries.</summary>
    public Evaluation EvaluateAllSymmetries(Game game) => Run(game, [0, 1, 2, 3, 4, 5, 6, 7]);

    private Evaluation Run(Game game, int[] symmetries)
    {
        int size = game.Size;
        if (size != Network.Shape.BoardSize)
            throw new ArgumentException($"the network is for {Network.Shape.BoardSize}×{Network.Shape.BoardSize}, the game is {size}×{size}");
        int planeLength = InputPlanes.Length(size), policySize = size * size + 1, batch = symmetries.Length;
        var planes = new float[batch * planeLength];
        for (int i = 0; i < batch; i++) InputPlanes.Encode(game, symmetries[i], planes.AsSpan(i * planeLength, planeLength));
        var logits = new float[batch * policySize];
        var values = new float[batch];
        Network.Forward(planes, batch, logits, values);

        var policy = new double[policySize];
        var probabilities = new float[policySize];
        var onBoard = new float[policySize];
        for (int i = 0; i < batch; i++)
        {
            PolicyValueNet.Softmax(logits.AsSpan(i * policySize, policySize), probabilities);
            InputPlanes.MapPolicyBack(probabilities, size, symmetries[i], onBoard);
            for (int m = 0; m < policySize; m++) policy[m] += onBoard[m];
        }
        return new Evaluation(policy.Select(p => (float)(p / batch)).ToArray(), (float)values.Average(v => (double)v));
    }
}
