namespace GoZero.Network;

/// <summary>conv 3×3 → BN → ReLU → conv 3×3 → BN → + input → ReLU; in a pooling block (<see
/// cref="NetworkShape.PoolsIn"/>) the first convolution's last C channels, ReLU'd and pooled, give the other F − C
/// channels a bias before their ReLU (<see cref="GlobalPooling"/>).</summary>
public sealed class ResidualBlockWeights(int filters, int pooledChannels = 0)
{
    public ConvolutionWeights First { get; } = new(filters, filters, 3);
    public ConvolutionWeights Second { get; } = new(filters, filters, 3);

    /// <summary>The pooled values [mean of C channels, scaled mean of C, max of C] (3C inputs) to a bias for each of
    /// the first F − C channels; null in a block that does not pool.</summary>
    public DenseWeights? GlobalPooling { get; } = pooledChannels > 0 ? new DenseWeights(3 * pooledChannels, filters - pooledChannels) : null;
}
