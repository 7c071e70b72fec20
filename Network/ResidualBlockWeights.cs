namespace GoZero.Network;

/// <summary>conv 3×3 → BN → ReLU → conv 3×3 → BN → + input → ReLU.</summary>
public sealed class ResidualBlockWeights(int filters)
{
    public ConvolutionWeights First { get; } = new(filters, filters, 3);
    public ConvolutionWeights Second { get; } = new(filters, filters, 3);
}
