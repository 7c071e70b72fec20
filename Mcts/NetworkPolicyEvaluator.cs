using System.Buffers;
using GoZero.Network;

namespace GoZero.Mcts;

/// <summary>
/// Evaluates a batch with a <see cref="PolicyValueNet"/> in one forward pass: each position is encoded under a random
/// one of the 8 symmetries (AlphaGo Zero, Methods: "positions are evaluated under a random rotation or reflection"),
/// or under all 8 with the mean taken (<paramref name="averageSymmetries"/>, Leela Zero's AVERAGE ensemble). The
/// softmax over all N²+1 moves is mapped back onto the board and renormalised over the legal moves. The network
/// stays the caller's to dispose.
/// </summary>
public sealed class NetworkPolicyEvaluator(PolicyValueNet network, bool averageSymmetries = false, ulong seed = 1) : IEvaluator
{
    private long calls;

    public PolicyValueNet Network { get; } = network;

    public bool AverageSymmetries { get; } = averageSymmetries;

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        if (batch.IsEmpty) return;
        int size = Network.Shape.BoardSize;
        int area = size * size, policySize = area + 1, planeLength = InputPlanes.Length(size);
        int perPosition = AverageSymmetries ? Engine.Symmetry.Count : 1;
        int rows = batch.Length * perPosition;
        var planes = ArrayPool<float>.Shared.Rent(rows * planeLength);
        var logits = ArrayPool<float>.Shared.Rent(rows * policySize);
        var values = ArrayPool<float>.Shared.Rent(rows);
        var probabilities = ArrayPool<float>.Shared.Rent(policySize);
        var onBoard = ArrayPool<float>.Shared.Rent(policySize);
        var policy = ArrayPool<float>.Shared.Rent(policySize);
        var symmetries = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (int i = 0; i < batch.Length; i++)
            {
                if (batch[i].Game.Size != size)
                    throw new ArgumentException($"the network is for {size}×{size}, a position is {batch[i].Game.Size}×{batch[i].Game.Size}");
                for (int s = 0; s < perPosition; s++)
                {
                    int row = i * perPosition + s;
                    symmetries[row] = AverageSymmetries ? s : NextSymmetry();
                    InputPlanes.Encode(batch[i].Game, symmetries[row], planes.AsSpan(row * planeLength, planeLength));
                }
            }
            Network.Forward(planes.AsSpan(0, rows * planeLength), rows, logits.AsSpan(0, rows * policySize), values.AsSpan(0, rows));

            for (int i = 0; i < batch.Length; i++)
            {
                var request = batch[i];
                policy.AsSpan(0, policySize).Clear();
                double value = 0;
                for (int s = 0; s < perPosition; s++)
                {
                    int row = i * perPosition + s;
                    PolicyValueNet.Softmax(logits.AsSpan(row * policySize, policySize), probabilities.AsSpan(0, policySize));
                    InputPlanes.MapPolicyBack(probabilities.AsSpan(0, policySize), size, symmetries[row], onBoard.AsSpan(0, policySize));
                    for (int m = 0; m < policySize; m++) policy[m] += onBoard[m];
                    value += values[row];
                }
                request.Value = (float)Math.Clamp(value / perPosition, -1.0, 1.0);
                var geometry = request.Game.Geometry;
                var moves = request.Moves;
                double sum = 0;
                for (int m = 0; m < moves.Length; m++)
                {
                    float p = policy[geometry.PolicyIndexOf(moves[m])];
                    request.Priors[m] = p;
                    sum += p;
                }
                // A softmax underflowing to zero over every legal move is possible with extreme logits: fall back to uniform.
                if (sum > 0) for (int m = 0; m < moves.Length; m++) request.Priors[m] = (float)(request.Priors[m] / sum);
                else request.Priors.AsSpan(0, moves.Length).Fill(1f / moves.Length);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(planes);
            ArrayPool<float>.Shared.Return(logits);
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<float>.Shared.Return(probabilities);
            ArrayPool<float>.Shared.Return(onBoard);
            ArrayPool<float>.Shared.Return(policy);
            ArrayPool<int>.Shared.Return(symmetries);
        }
    }

    private int NextSymmetry()
    {
        ulong z = seed + (ulong)Interlocked.Increment(ref calls) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) >> 61);
    }
}
