using GoZero.Network.Training;

namespace GoZero.Network.HeldOut;

/// <summary>
/// Runs the model on held-out samples in batches and scores each (<see cref="PositionScore"/>). A sample's planes
/// are unpacked as the trainer unpacks them, which equals <see cref="InputPlanes.Encode"/> of the position
/// (<see cref="TrainingSample.Unpack"/>); the policy is the softmax of the logits mapped back onto the board, as
/// <see cref="NetworkEvaluator"/> gives it (<see cref="InferenceBatch"/>): under the identity symmetry, or the mean over
/// the 8 symmetries (Leela Zero's AVERAGE ensemble) when <paramref name="average"/>. The SIMD backend's outputs for a
/// position do not depend on the batch it is in, so with it the figures are those of evaluating each position alone.
/// </summary>
/// <param name="batch">Network inputs per forward pass: positions, or positions × 8 when averaging.</param>
public sealed class HeldOutEvaluator(IInferenceModel model, int batch, bool average)
{
    private static readonly int[] Identity = [0];
    private static readonly int[] AllSymmetries = [0, 1, 2, 3, 4, 5, 6, 7];

    private readonly int[] symmetries = average ? AllSymmetries : Identity;
    private readonly int size = model.Description.BoardSize;
    private readonly InferenceBatch inference = new(model);

    /// <summary>Positions per forward pass.</summary>
    public int PositionsPerBatch { get; } = Math.Max(1, batch / (average ? AllSymmetries.Length : 1));

    /// <summary>Scores <paramref name="samples"/> (at most <see cref="PositionsPerBatch"/>) into
    /// <paramref name="metrics"/>, in their order.</summary>
    public void Evaluate(IReadOnlyList<TrainingSample> samples, HeldOutMetrics metrics)
    {
        if (samples.Count > PositionsPerBatch) throw new ArgumentException($"{samples.Count} samples for a batch of {PositionsPerBatch}", nameof(samples));
        int policySize = size * size + 1;
        inference.Start(samples.Count, symmetries.Length);
        var target = new float[policySize];
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].BoardSize != size)
                throw new ArgumentException($"a {samples[i].BoardSize}×{samples[i].BoardSize} sample for a {size}×{size} network", nameof(samples));
            for (int k = 0; k < symmetries.Length; k++)
                samples[i].Unpack(symmetries[k], inference.Input(i, k, symmetries[k]), target);
        }
        inference.Run();

        var policy = new float[policySize];
        for (int i = 0; i < samples.Count; i++)
        {
            float value = inference.Combine(i, policy);
            var score = PositionScore.Of(policy, samples[i].Policy, value, samples[i].Outcome);
            metrics.Add(score, samples[i].MoveNumber + 1);
        }
    }
}
