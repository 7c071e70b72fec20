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
        foreach (var dense in weights.Dense)
            for (int o = 0; o < dense.Outputs; o++) dense.Biases[o] = (float)(0.2 * (random.NextDouble() - 0.5));
        return weights;
    }

    /// <summary>
    /// Positions that look like Go: stones of each side on distinct points over 8 history planes, the side-to-move
    /// planes all ones or zeros; π a random distribution over the N²+1 moves; z = ±1; every row a policy target.
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
            batch.HasPolicy[s] = 1;
        }
        return batch;
    }

    /// <summary>
    /// <see cref="Batch"/> with KataGo's targets as a mixed chunk gives them: every third row without a policy target
    /// (<see cref="TrainingBatch.HasPolicy"/> 0), every fourth without ownership and score (a resigned game), the
    /// others a random final ownership (±1, some points 0) and a score of tens of points, some beyond
    /// <see cref="NetworkShape.ScoreScale"/> so that the Huber loss's linear part is reached.
    /// </summary>
    public static TrainingBatch AuxiliaryBatch(int boardSize, int count, int seed)
    {
        var batch = Batch(boardSize, count, seed);
        var random = new Random(seed + 77);
        int area = boardSize * boardSize;
        for (int s = 0; s < count; s++)
        {
            batch.HasPolicy[s] = s % 3 == 2 ? 0 : 1;
            if (s % 4 == 3) continue;
            batch.HasOwnership[s] = 1;
            batch.HasScore[s] = 1;
            for (int i = 0; i < area; i++) batch.Ownership[s * area + i] = random.Next(5) switch { 0 => 0, 1 or 2 => 1, _ => -1 };
            batch.Score[s] = (float)(60 * (random.NextDouble() - 0.5));
        }
        return batch;
    }
}
