using GoZero.Network.Simd.Kernels;
using GoZero.Network.Training;

namespace GoZero.Network.Simd;

public sealed unsafe partial class PolicyValueTrainer
{
    /// <summary>Each residual block's global pooling layer; null for a block that does not pool.</summary>
    private readonly PoolingLayer?[] pooling;
    private Action<int, int> poolForwardStep = null!, poolBackwardStep = null!;

    // The pooling layer being run, and the convolution whose output it pools (its block's first).
    private PoolingLayer pool = null!;

    private void CreatePoolingSteps()
    {
        poolForwardStep = (_, board) => PoolForward(board);
        poolBackwardStep = (_, board) => PoolBackward(board);
    }

    /// <summary>The pooling layer of the block whose first convolution is <paramref name="l"/>, if it pools.</summary>
    private PoolingLayer? PoolingAfter(int l) => l % 2 == 1 ? pooling[l / 2] : null;

    /// <summary>
    /// After a pooling block's first convolution is normalized: its last C channels (already ReLU(x̂ + β)) pooled to
    /// [mean, mean × (N − 14)/10, max] per board, the layer's bias for the first F − C channels, and those channels'
    /// output recomputed as ReLU(x̂ + β + bias), on-board pixels only (the border stays the next convolution's zero
    /// padding). The output's sign is then the ReLU's mask for every channel, as <see cref="MaskGradient"/> reads it.
    /// </summary>
    private void PoolForward(int board)
    {
        int pooled = pool.Pooled, regular = pool.Regular;
        nint boardStart = (nint)board * pixelsPerBoard * stride;
        float* output = layer.Output.Pointer + boardStart, normalized = layer.Normalized.Pointer + boardStart, offsets = layer.PaddedOffsets.Pointer;
        float* features = pool.Features.Pointer + (nint)board * 3 * pooled;
        float* means = features, scaledMeans = features + pooled, maxima = features + 2 * pooled;
        for (int c = 0; c < pooled; c++) means[c] = maxima[c] = 0; // rectified values are ≥ 0, so 0 is the max's start
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float* pixel = output + PixelOf(y, x) * stride + regular;
                for (int c = 0; c < pooled; c++)
                {
                    means[c] += pixel[c];
                    maxima[c] = Math.Max(maxima[c], pixel[c]);
                }
            }
        for (int c = 0; c < pooled; c++)
        {
            means[c] /= area;
            scaledMeans[c] = means[c] * Shape.PoolingSizeScale;
        }
        float* bias = pool.Bias.Pointer + (nint)board * regular;
        for (int o = 0; o < regular; o++)
            bias[o] = pool.Biases.Values[o] + VectorMath.Dot(pool.Weights.ValuesPointer + (nint)o * 3 * pooled, features, 3 * pooled);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                nint at = PixelOf(y, x) * stride;
                for (int o = 0; o < regular; o++) output[at + o] = Math.Max(normalized[at + o] + offsets[o] + bias[o], 0f);
            }
    }

    /// <summary>
    /// Before a pooling block's first convolution's own backward pass, in its output gradient dA: the bias's
    /// gradient per board, Σ over the board of dA where the regular channels' ReLU passed, and through the layer and
    /// the pooling back into the pooled channels' dA (the mean's share at every point, the max's split evenly between
    /// the points that reach it, as libtorch's amax does: identical neighbourhoods on a board tie often). Their ReLU is
    /// then masked with the rest by <see cref="MaskGradient"/> (a max of 0 is masked everywhere, so it is skipped).
    /// </summary>
    private void PoolBackward(int board)
    {
        int pooled = pool.Pooled, regular = pool.Regular;
        nint boardStart = (nint)board * pixelsPerBoard * stride;
        float* output = layer.Output.Pointer + boardStart, dA = gradient + boardStart;
        float* biasGradient = pool.Bias.Pointer + (nint)board * regular;
        new Span<float>(biasGradient, regular).Clear();
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                nint at = PixelOf(y, x) * stride;
                for (int o = 0; o < regular; o++)
                    if (output[at + o] > 0) biasGradient[o] += dA[at + o];
            }
        float* featureGradient = stackalloc float[3 * pooled];
        new Span<float>(featureGradient, 3 * pooled).Clear();
        for (int o = 0; o < regular; o++)
            VectorMath.MultiplyAdd(pool.Weights.ValuesPointer + (nint)o * 3 * pooled, biasGradient[o], featureGradient, 3 * pooled);
        float* maxima = pool.Features.Pointer + (nint)board * 3 * pooled + 2 * pooled;
        for (int c = 0; c < pooled; c++)
        {
            float perPoint = (featureGradient[c] + featureGradient[pooled + c] * Shape.PoolingSizeScale) / area;
            int ties = 0;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    nint at = PixelOf(y, x) * stride + regular + c;
                    dA[at] += perPoint;
                    if (output[at] == maxima[c]) ties++;
                }
            if (maxima[c] == 0) continue;
            float perMax = featureGradient[2 * pooled + c] / ties;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    nint at = PixelOf(y, x) * stride + regular + c;
                    if (output[at] == maxima[c]) dA[at] += perMax;
                }
        }
    }

    /// <summary>The layer's weight and bias gradients: the boards' bias gradients, summed in board order.</summary>
    private void FinishPoolingGradient()
    {
        int inputs = 3 * pool.Pooled, regular = pool.Regular;
        var weights = pool.Weights.Gradient;
        var biases = pool.Biases.Gradient;
        Array.Clear(weights);
        Array.Clear(biases);
        for (int b = 0; b < count; b++)
        {
            float* features = pool.Features.Pointer + (nint)b * inputs, biasGradient = pool.Bias.Pointer + (nint)b * regular;
            for (int o = 0; o < regular; o++)
            {
                biases[o] += biasGradient[o];
                for (int i = 0; i < inputs; i++) weights[o * inputs + i] += biasGradient[o] * features[i];
            }
        }
    }

    /// <summary>KataGo's global pooling bias in one residual block (<see cref="NetworkShape.GlobalPooling"/>): the
    /// fully connected layer, and per board the pooled values and the bias (forward) or its gradient (backward).</summary>
    private sealed class PoolingLayer(string name, DenseWeights initial, NetworkShape shape)
    {
        public TrainableTensor Weights { get; } = new(name + ".weights", initial.Weights);
        public TrainableTensor Biases { get; } = new(name + ".biases", initial.Biases);
        public int Pooled { get; } = shape.GlobalPoolingChannels;
        public int Regular { get; } = shape.Filters - shape.GlobalPoolingChannels;

        public AlignedBuffer Features { get; private set; } = null!;
        public AlignedBuffer Bias { get; private set; } = null!;

        public void Allocate(int boards)
        {
            Features = new AlignedBuffer(boards * 3 * Pooled);
            Bias = new AlignedBuffer(boards * Regular);
        }

        public void CopyTo(DenseWeights target)
        {
            Weights.Values.CopyTo(target.Weights, 0);
            Biases.Values.CopyTo(target.Biases, 0);
        }
    }
}
