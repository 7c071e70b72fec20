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
        var policy = new float[policySize];
        float value = MeanOverSymmetries(logits, values, size, symmetries, policy);
        return new Evaluation(policy, value);
    }

    /// <summary>
    /// One position's outputs under <paramref name="symmetries"/> (its logits one after another, and its values) made
    /// one: each policy's softmax mapped back onto the board, then the mean of the policies and of the values (Leela
    /// Zero's AVERAGE ensemble; one symmetry gives that one's outputs). Sums are kept in double, so every user of it
    /// gets the same policy to the bit. Writes the policy into <paramref name="policy"/> and returns the value.
    /// </summary>
    public static float MeanOverSymmetries(ReadOnlySpan<float> logits, ReadOnlySpan<float> values, int size, ReadOnlySpan<int> symmetries, Span<float> policy)
    {
        int policySize = size * size + 1;
        var sum = new double[policySize];
        var probabilities = new float[policySize];
        var onBoard = new float[policySize];
        double valueSum = 0;
        for (int i = 0; i < symmetries.Length; i++)
        {
            PolicyValueNet.Softmax(logits.Slice(i * policySize, policySize), probabilities);
            InputPlanes.MapPolicyBack(probabilities, size, symmetries[i], onBoard);
            for (int m = 0; m < policySize; m++) sum[m] += onBoard[m];
            valueSum += values[i];
        }
        for (int m = 0; m < policySize; m++) policy[m] = (float)(sum[m] / symmetries.Length);
        return (float)(valueSum / symmetries.Length);
    }
}
