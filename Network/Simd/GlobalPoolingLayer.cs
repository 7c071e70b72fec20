using GoZero.Network.Simd.Kernels;

namespace GoZero.Network.Simd;

/// <summary>
/// KataGo's global pooling bias (Wu 2019, "Accelerating Self-Play Learning in Go", section 3.2) on one board of a
/// pooling block's first convolution, whose outputs arrive unrectified (batch norm folded, no ReLU): the last C
/// channels are rectified and pooled over the board's points into [mean, mean × (N − 14)/10, max] (3C values), a
/// fully connected layer turns those into a bias for each of the first F − C channels, and those are rectified after
/// the bias is added. Only on-board pixels are read and written: the Winograd border stays zero, the next
/// convolution's padding.
/// </summary>
internal sealed unsafe class GlobalPoolingLayer
{
    private readonly AlignedBuffer weights, biases;
    private readonly float sizeScale;

    /// <summary>F − C: the channels that get a bias.</summary>
    public int Regular { get; }

    /// <summary>C: the channels that are pooled.</summary>
    public int Pooled { get; }

    /// <summary>Floats of scratch <see cref="Apply"/> needs: the 3C pooled values, then the F − C biases.</summary>
    public int ScratchLength => 3 * Pooled + Regular;

    public GlobalPoolingLayer(DenseWeights dense, NetworkShape shape)
    {
        Pooled = shape.GlobalPoolingChannels;
        Regular = shape.Filters - Pooled;
        System.Diagnostics.Debug.Assert(dense.Inputs == 3 * Pooled && dense.Outputs == Regular);
        weights = AlignedBuffer.From(dense.Weights);
        biases = AlignedBuffer.From(dense.Biases);
        sizeScale = shape.PoolingSizeScale;
    }

    /// <summary>Pools, biases and rectifies board <paramref name="board"/> of <paramref name="activations"/> in place.</summary>
    public void Apply(float* activations, in TileGrid grid, int board, int stride, float* scratch)
    {
        int size = grid.BoardSize, pooled = Pooled, regular = Regular;
        float* means = scratch, scaledMeans = scratch + pooled, maxima = scratch + 2 * pooled, bias = scratch + 3 * pooled;
        for (int c = 0; c < pooled; c++) means[c] = maxima[c] = 0; // rectified values are ≥ 0, so 0 is the max's start
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                float* pixel = activations + grid.Pixel(board, y, x) * stride + regular;
                for (int c = 0; c < pooled; c++)
                {
                    float v = Math.Max(pixel[c], 0f);
                    pixel[c] = v;
                    means[c] += v;
                    maxima[c] = Math.Max(maxima[c], v);
                }
            }
        }
        float inverseArea = 1f / (size * size);
        for (int c = 0; c < pooled; c++)
        {
            means[c] *= inverseArea;
            scaledMeans[c] = means[c] * sizeScale;
        }
        for (int o = 0; o < regular; o++) bias[o] = biases.Pointer[o] + VectorMath.Dot(weights.Pointer + (nint)o * 3 * pooled, scratch, 3 * pooled);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                float* pixel = activations + grid.Pixel(board, y, x) * stride;
                for (int o = 0; o < regular; o++) pixel[o] = Math.Max(pixel[o] + bias[o], 0f);
            }
        }
    }
}
