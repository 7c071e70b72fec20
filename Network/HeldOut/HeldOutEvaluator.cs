using GoZero.Network.Training;

namespace GoZero.Network.HeldOut;

/// <summary>
/// Runs the network on held-out samples in batches and scores each (<see cref="PositionScore"/>). A sample's planes
/// are unpacked as the trainer unpacks them, which equals <see cref="InputPlanes.Encode"/> of the position
/// (<see cref="TrainingSample.Unpack"/>); the policy is the softmax of the logits mapped back onto the board, as
/// <see cref="NetworkEvaluator"/> gives it: under the identity symmetry, or the mean over the 8 symmetries (Leela
/// Zero's AVERAGE ensemble) when <paramref name="average"/>. The network's outputs for a position do not depend on
/// the batch it is in (<see cref="PolicyValueNet"/>), so the figures are those of evaluating each position alone.
/// </summary>
/// <param name="batch">Network inputs per forward pass: positions, or positions × 8 when averaging.</param>
public sealed class HeldOutEvaluator(PolicyValueNet network, int batch, bool average)
{
    private static readonly int[] Identity = [0];
    private static readonly int[] AllSymmetries = [0, 1, 2, 3, 4, 5, 6, 7];

    private readonly int[] symmetries = average ? AllSymmetries : Identity;
    private readonly int size = network.Shape.BoardSize;
    private float[] planes = [], logits = [], values = [];

    /// <summary>Positions per forward pass.</summary>
    public int PositionsPerBatch { get; } = Math.Max(1, batch / (average ? AllSymmetries.Length : 1));

    /// <summary>Scores <paramref name="samples"/> (at most <see cref="PositionsPerBatch"/>) into
    /// <paramref name="metrics"/>, in their order.</summary>
    public void Evaluate(IReadOnlyList<TrainingSample> samples, HeldOutMetrics metrics)
    {
        if (samples.Count > PositionsPerBatch) throw new ArgumentException($"{samples.Count} samples for a batch of {PositionsPerBatch}", nameof(samples));
        int planeLength = InputPlanes.Length(size), policySize = size * size + 1, inputs = samples.Count * symmetries.Length;
        if (planes.Length < inputs * planeLength)
        {
            planes = new float[inputs * planeLength];
            logits = new float[inputs * policySize];
            values = new float[inputs];
        }
        var target = new float[policySize];
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].BoardSize != size)
                throw new ArgumentException($"a {samples[i].BoardSize}×{samples[i].BoardSize} sample for a {size}×{size} network", nameof(samples));
            for (int s = 0; s < symmetries.Length; s++)
                samples[i].Unpack(symmetries[s], planes.AsSpan((i * symmetries.Length + s) * planeLength, planeLength), target);
        }
        network.Forward(planes.AsSpan(0, inputs * planeLength), inputs, logits.AsSpan(0, inputs * policySize), values.AsSpan(0, inputs));

        var policy = new float[policySize];
        for (int i = 0; i < samples.Count; i++)
        {
            int first = i * symmetries.Length;
            float value = NetworkEvaluator.MeanOverSymmetries(logits.AsSpan(first * policySize, symmetries.Length * policySize),
                values.AsSpan(first, symmetries.Length), size, symmetries, policy);
            var score = PositionScore.Of(policy, samples[i].Policy, value, samples[i].Outcome);
            metrics.Add(score, samples[i].MoveNumber + 1);
        }
    }
}
