namespace GoZero.Network;

/// <summary>
/// Every parameter of a policy-value network, unfolded, in Leela Zero's layout and order: the form files are read
/// into and written from (<see cref="Tensors"/>), and from which an inference network folds its batch norms. A
/// network with <see cref="NetworkShape.AuxiliaryHeads"/> also has <see cref="Ownership"/> and <see cref="Score"/>,
/// which only checkpoints carry (Leela Zero's text has no place for them); one with <see
/// cref="NetworkShape.GlobalPooling"/> has <see cref="ResidualBlockWeights.GlobalPooling"/> in its pooling blocks,
/// and cannot be written as Leela Zero text at all.
/// </summary>
public sealed class NetworkWeights
{
    public NetworkShape Shape { get; }
    public ConvolutionWeights InputConvolution { get; }
    public IReadOnlyList<ResidualBlockWeights> Blocks { get; }
    public ConvolutionWeights PolicyConvolution { get; }
    public DenseWeights PolicyDense { get; }
    public ConvolutionWeights ValueConvolution { get; }
    public DenseWeights ValueHidden { get; }
    public DenseWeights ValueOutput { get; }

    /// <summary>The ownership head's 1×1 convolution, F inputs to 1 output with a bias (no batch norm: the tanh needs
    /// the scale a batch norm without learned scale would fix); null without <see cref="NetworkShape.AuxiliaryHeads"/>.</summary>
    public DenseWeights? Ownership { get; }

    /// <summary>The score head: 256 hidden units of the value head to 1; null without <see cref="NetworkShape.AuxiliaryHeads"/>.</summary>
    public DenseWeights? Score { get; }

    public NetworkWeights(NetworkShape shape)
    {
        Shape = shape.Validated();
        int f = shape.Filters, area = shape.Area;
        InputConvolution = new ConvolutionWeights(NetworkShape.InputPlanes, f, 3);
        Blocks = Enumerable.Range(0, shape.Blocks).Select(b => new ResidualBlockWeights(f, shape.PoolsIn(b) ? shape.GlobalPoolingChannels : 0)).ToList();
        PolicyConvolution = new ConvolutionWeights(f, 2, 1);
        PolicyDense = new DenseWeights(2 * area, shape.PolicySize);
        ValueConvolution = new ConvolutionWeights(f, 1, 1);
        ValueHidden = new DenseWeights(area, NetworkShape.ValueHidden);
        ValueOutput = new DenseWeights(NetworkShape.ValueHidden, 1);
        if (!shape.AuxiliaryHeads) return;
        Ownership = new DenseWeights(f, 1);
        Score = new DenseWeights(NetworkShape.ValueHidden, 1);
    }

    /// <summary>Every tensor, as a checkpoint stores them: <see cref="PolicyValueTensors"/>, then the ownership's
    /// weights and bias and the score's, then each pooling block's pooling layer (weights, biases), first block first.</summary>
    public IEnumerable<float[]> Tensors
    {
        get
        {
            foreach (var t in PolicyValueTensors) yield return t;
            if (Ownership is not null && Score is not null)
            {
                foreach (var t in Ownership.Tensors) yield return t;
                foreach (var t in Score.Tensors) yield return t;
            }
            foreach (var pooling in PoolingLayers)
                foreach (var t in pooling.Tensors) yield return t;
        }
    }

    /// <summary>The pooling blocks' fully connected layers, first block first.</summary>
    public IEnumerable<DenseWeights> PoolingLayers => Blocks.Select(b => b.GlobalPooling).OfType<DenseWeights>();

    /// <summary>The policy-value network's tensors in Leela Zero's file order: 18 + 8B lines after the version line.</summary>
    public IEnumerable<float[]> PolicyValueTensors
    {
        get
        {
            foreach (var t in InputConvolution.Tensors) yield return t;
            foreach (var block in Blocks)
            {
                foreach (var t in block.First.Tensors) yield return t;
                foreach (var t in block.Second.Tensors) yield return t;
            }
            foreach (var t in PolicyConvolution.Tensors) yield return t;
            foreach (var t in PolicyDense.Tensors) yield return t;
            foreach (var t in ValueConvolution.Tensors) yield return t;
            foreach (var t in ValueHidden.Tensors) yield return t;
            foreach (var t in ValueOutput.Tensors) yield return t;
        }
    }

    /// <summary>The length of every tensor of <see cref="Tensors"/> for a shape, found without allocating them: what
    /// a reader checks a file against before it allocates a network whose size the file claims.</summary>
    public static IEnumerable<long> TensorLengths(NetworkShape shape)
    {
        long f = shape.Filters, area = shape.Area;
        static long[] Convolution(long inputs, long outputs, long kernel) => [outputs * inputs * kernel * kernel, outputs, outputs, outputs];
        foreach (long length in Convolution(NetworkShape.InputPlanes, f, 3)) yield return length;
        for (int b = 0; b < 2 * shape.Blocks; b++)
            foreach (long length in Convolution(f, f, 3)) yield return length;
        foreach (long length in Convolution(f, 2, 1)) yield return length;
        yield return 2 * area * shape.PolicySize;
        yield return shape.PolicySize;
        foreach (long length in Convolution(f, 1, 1)) yield return length;
        yield return area * NetworkShape.ValueHidden;
        yield return NetworkShape.ValueHidden;
        yield return NetworkShape.ValueHidden;
        yield return 1;
        if (shape.AuxiliaryHeads)
        {
            yield return f;
            yield return 1;
            yield return NetworkShape.ValueHidden;
            yield return 1;
        }
        long pooled = shape.GlobalPoolingChannels;
        for (int b = 0; b < shape.PoolingBlocks; b++)
        {
            yield return 3 * pooled * (f - pooled);
            yield return f - pooled;
        }
    }

    /// <summary>Every parameter of a network of this shape, counted without allocating it.</summary>
    public static long ParameterCount(NetworkShape shape) => TensorLengths(shape).Sum();

    /// <summary>
    /// A seeded random network: He-normal convolution and dense weights (so activations keep their scale through the
    /// tower), zero biases and means, unit variances. What `gozero net init` writes and benchmarks measure.
    /// </summary>
    public static NetworkWeights Random(NetworkShape shape, int seed)
    {
        var weights = new NetworkWeights(shape);
        var random = new Random(seed);
        foreach (var conv in weights.Convolutions) FillHeNormal(conv.Weights, conv.Inputs * conv.Kernel * conv.Kernel, random);
        foreach (var dense in weights.Dense) FillHeNormal(dense.Weights, dense.Inputs, random);
        return weights;
    }

    /// <summary>
    /// This network with KataGo's ownership and score heads added (<see cref="NetworkShape.AuxiliaryHeads"/>): every
    /// other weight copied, the new heads He-normal from <paramref name="seed"/> with zero biases, as
    /// <see cref="Random"/> makes them. The policy and value are this network's exactly; the heads start untrained.
    /// So a network trained without them (the supervised 19×19 one, an older default) can start a run that learns
    /// from the final ownership and score of its games. Throws <see cref="InvalidOperationException"/> when the
    /// network has the heads already.
    /// </summary>
    public NetworkWeights WithAuxiliaryHeads(int seed)
    {
        if (Shape.AuxiliaryHeads) throw new InvalidOperationException($"the {Shape} network has the ownership and score heads already");
        var grown = new NetworkWeights(Shape with { AuxiliaryHeads = true });
        foreach (var (from, to) in PolicyValueTensors.Zip(grown.PolicyValueTensors)) from.CopyTo(to, 0);
        foreach (var (from, to) in PoolingLayers.SelectMany(p => p.Tensors).Zip(grown.PoolingLayers.SelectMany(p => p.Tensors))) from.CopyTo(to, 0);
        var random = new Random(seed);
        FillHeNormal(grown.Ownership!.Weights, grown.Ownership.Inputs, random);
        FillHeNormal(grown.Score!.Weights, grown.Score.Inputs, random);
        return grown;
    }

    /// <summary>Every fully connected layer (the ownership's 1×1 convolution counted as one, applied at every point):
    /// policy, value hidden, value output, then ownership and score where the network has them, then the pooling layers.</summary>
    public IEnumerable<DenseWeights> Dense =>
        Ownership is null || Score is null
            ? [PolicyDense, ValueHidden, ValueOutput, .. PoolingLayers]
            : [PolicyDense, ValueHidden, ValueOutput, Ownership, Score, .. PoolingLayers];

    /// <summary>Every convolution, stem first, heads last.</summary>
    public IEnumerable<ConvolutionWeights> Convolutions =>
        [InputConvolution, .. Blocks.SelectMany(b => new[] { b.First, b.Second }), PolicyConvolution, ValueConvolution];

    private static void FillHeNormal(float[] values, int fanIn, Random random)
    {
        double scale = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < values.Length; i++)
        {
            // Box-Muller: a standard normal from two uniforms.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
