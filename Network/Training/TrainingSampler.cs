namespace GoZero.Network.Training;

/// <summary>
/// Fills training batches with samples drawn uniformly at random, with replacement, from a data set, each under a
/// uniformly random one of the 8 symmetries (the AlphaGo Zero paper augments its training data this way, Methods,
/// "Optimization"). The draw for step k depends only on the seed, k and the data set — not on the steps drawn
/// before — so a run resumed at step k trains on exactly what the uninterrupted run would have. Filling allocates
/// nothing and keeps no state, so threads may fill batches from one sampler at once.
/// </summary>
public sealed class TrainingSampler
{
    private readonly TrainingDataSet data;
    private readonly ulong seed;

    public TrainingSampler(TrainingDataSet data, ulong seed)
    {
        if (data.Count == 0) throw new ArgumentException("the data set holds no samples", nameof(data));
        this.data = data;
        this.seed = seed;
    }

    /// <summary>Fills every row of <paramref name="batch"/> (its <see cref="TrainingBatch.Count"/> becomes its
    /// capacity) with the draw of training step <paramref name="step"/>.</summary>
    public void Fill(TrainingBatch batch, long step)
    {
        if (batch.BoardSize != data.BoardSize)
            throw new ArgumentException($"a {batch.BoardSize}×{batch.BoardSize} batch cannot hold {data.BoardSize}×{data.BoardSize} samples", nameof(batch));
        ulong state = Mix(seed ^ Mix((ulong)step));
        for (int row = 0; row < batch.Capacity; row++)
        {
            var (index, symmetry) = Draw(ref state);
            var sample = data[index];
            batch.SetRow(row, sample, symmetry);
        }
        batch.Count = batch.Capacity;
    }

    /// <summary>The sample index and symmetry of the next row: two SplitMix64 outputs, the index by a 64-bit
    /// multiply-shift (its bias, count / 2^64, is far below anything a training run could notice).</summary>
    private (int Index, int Symmetry) Draw(ref ulong state)
    {
        int index = (int)Math.BigMul(Next(ref state), (ulong)data.Count, out _);
        int symmetry = (int)(Next(ref state) >> 61);
        return (index, symmetry);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood, 2014): a Weyl sequence through <see cref="Mix"/>.</summary>
    internal static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
