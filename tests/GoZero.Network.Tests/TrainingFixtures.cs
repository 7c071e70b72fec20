using GoZero.Network.Training;

namespace GoZero.Network.Tests;

/// <summary>Seeded random networks and batches for the trainer's tests.</summary>
public static class TrainingFixtures
{
    /// <summary>He-normal weights with random biases, means and variances, so that every batch-norm path carries
    /// values other than 0 and 1.</summary>
    public static NetworkWeights Weights(NetworkShape shape, int seed)
    {
        var weights = NetworkWeights.Random(shape, seed);
        var random = new Random(seed + 1000);
        foreach (var convolution in weights.Convolutions)
        {
            for (int o = 0; o < convolution.Outputs; o++)
            {
                convolution.Biases[o] = (float)(random.NextDouble() - 0.5);
                convolution.Means[o] = (float)(random.NextDouble() - 0.5);
                convolution.Variances[o] = (float)(0.5 + random.NextDouble());
            }
        }
        foreach (var dense in new[] { weights.PolicyDense, weights.ValueHidden, weights.ValueOutput })
            for (int o = 0; o < dense.Outputs; o++) dense.Biases[o] = (float)(0.2 * (random.NextDouble() - 0.5));
        return weights;
    }

    /// <summary>
    /// Positions that look like Go: stones of each side on distinct points over 8 history planes, the side-to-move
    /// planes all ones or zeros; π a random distribution over the N²+1 moves; z = ±1.
    /// </summary>
    public static TrainingBatch Batch(int boardSize, int count, int seed)
    {
        var batch = new TrainingBatch(boardSize, count) { Count = count };
        var random = new Random(seed);
        int area = boardSize * boardSize, policySize = area + 1;
        for (int s = 0; s < count; s++)
        {
            var planes = batch.Planes.AsSpan(s * NetworkShape.InputPlanes * area, NetworkShape.InputPlanes * area);
            for (int history = 0; history < 8; history++)
            {
                for (int point = 0; point < area; point++)
                {
                    int stone = random.Next(4);
                    if (stone == 1) planes[history * area + point] = 1;
                    else if (stone == 2) planes[(8 + history) * area + point] = 1;
                }
            }
            planes.Slice((random.Next(2) == 0 ? 16 : 17) * area, area).Fill(1);
            var policy = batch.Policy.AsSpan(s * policySize, policySize);
            double sum = 0;
            for (int o = 0; o < policySize; o++) sum += policy[o] = (float)Math.Exp(2 * random.NextDouble() * random.NextDouble() * 3);
            for (int o = 0; o < policySize; o++) policy[o] = (float)(policy[o] / sum);
            batch.Value[s] = random.Next(2) == 0 ? -1 : 1;
        }
        return batch;
    }
}
