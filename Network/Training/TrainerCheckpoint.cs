namespace GoZero.Network.Training;

/// <summary>
/// What every trainer (<see cref="IModelTrainer"/>) writes into a checkpoint beyond the weights, and reads back, so
/// that a checkpoint written by one backend resumes on any other: for every trainable parameter NAME its momentum
/// buffer "momentum/NAME", and for every batch-norm offset the exact β as "batchnorm/NAME.offsets" (the weights hold
/// only Leela Zero's bias β·√(variance + ε), rounded). The trainable parameters, in the order both trainers keep them:
/// for each 3×3 convolution ("input", "block0.first", "block0.second", …) NAME.weights and NAME.offsets, then
/// policy.convolution.weights/offsets, policy.dense.weights/biases, value.convolution.weights/offsets,
/// value.hidden.weights/biases, value.output.weights/biases, and for a network with the auxiliary heads
/// ownership.weights/biases and score.weights/biases, and for each pooling block b of a network with global pooling
/// blockB.pooling.weights/biases; each in the layout of <see cref="NetworkWeights"/>.
/// </summary>
internal static class TrainerCheckpoint
{
    public const string MomentumPrefix = "momentum/";
    public const string OffsetsPrefix = "batchnorm/";

    /// <summary>Every convolution's name, in the order of <see cref="NetworkWeights.Convolutions"/>: the 3×3 ones stem
    /// first, then the heads' 1×1 ones.</summary>
    public static IEnumerable<string> ConvolutionNames(NetworkShape shape) =>
        ["input", .. Enumerable.Range(0, shape.Blocks).SelectMany(b => new[] { $"block{b}.first", $"block{b}.second" }), "policy.convolution", "value.convolution"];

    /// <summary>Every fully connected layer's name, in the order of <see cref="NetworkWeights.Dense"/>: ownership and
    /// score only for a network with the auxiliary heads, then the pooling blocks' layers.</summary>
    public static IReadOnlyList<string> DenseNames(NetworkShape shape) =>
    [
        "policy.dense", "value.hidden", "value.output",
        .. shape.AuxiliaryHeads ? new[] { "ownership", "score" } : [],
        .. Enumerable.Range(0, shape.Blocks).Where(shape.PoolsIn).Select(b => $"block{b}.pooling"),
    ];

    /// <summary>Every trainable parameter's name and length, in the order the trainers keep them.</summary>
    public static IReadOnlyList<(string Name, int Length)> Parameters(NetworkWeights weights)
    {
        var convolutions = ConvolutionNames(weights.Shape).Zip(weights.Convolutions).ToDictionary(c => c.First, c => c.Second);
        var names = DenseNames(weights.Shape);
        var dense = names.Zip(weights.Dense).ToDictionary(d => d.First, d => d.Second);
        string[] order = [.. ConvolutionNames(weights.Shape).SkipLast(2), "policy.convolution", "policy.dense", "value.convolution", "value.hidden", "value.output", .. names.Skip(3)];
        return order.SelectMany(name => convolutions.TryGetValue(name, out var c)
            ? new[] { (name + ".weights", c.Weights.Length), (name + ".offsets", c.Outputs) }
            : [(name + ".weights", dense[name].Weights.Length), (name + ".biases", dense[name].Biases.Length)]).ToList();
    }

    /// <summary>
    /// The optimizer state's tensors by name, after checking that it is all or nothing: either empty, or a momentum
    /// buffer of the right length for every parameter and no tensor that is not this network's.
    /// </summary>
    /// <exception cref="ArgumentException">The state is incomplete or not this network's.</exception>
    public static Dictionary<string, float[]> Checked(IReadOnlyList<NamedTensor> state, IReadOnlyList<(string Name, int Length)> parameters)
    {
        var exact = state.ToDictionary(t => t.Name, t => t.Values);
        var known = parameters.SelectMany(p => new[] { MomentumPrefix + p.Name, OffsetsPrefix + p.Name }).ToHashSet();
        var unknown = state.FirstOrDefault(t => !known.Contains(t.Name));
        if (unknown is not null) throw new ArgumentException($"optimizer tensor '{unknown.Name}' is not one of this trainer's");
        if (state.Count == 0) return exact;
        foreach (var (name, length) in parameters)
        {
            if (!exact.TryGetValue(MomentumPrefix + name, out var momentum))
                throw new ArgumentException($"optimizer state lacks '{MomentumPrefix + name}'");
            if (momentum.Length != length)
                throw new ArgumentException($"optimizer tensor '{MomentumPrefix + name}' has {momentum.Length} values, not {length}");
        }
        return exact;
    }

    /// <summary>The momentum of a parameter from <see cref="Checked"/>'s tensors, or null (zero) when there is none.</summary>
    public static float[]? MomentumOf(IReadOnlyDictionary<string, float[]> exact, string name) =>
        exact.TryGetValue(MomentumPrefix + name, out var momentum) ? momentum : null;

    /// <summary>β of a convolution's batch norm: exact from the state, else recovered as bias / √(variance + ε), the
    /// offset that makes batch norm with running statistics equal Leela Zero's (conv(x) + bias − mean) / √(variance + ε).</summary>
    public static float[] OffsetsOf(ConvolutionWeights convolution, IReadOnlyDictionary<string, float[]> exact, string name)
    {
        if (exact.TryGetValue(OffsetsPrefix + name, out var offsets))
        {
            if (offsets.Length != convolution.Outputs)
                throw new ArgumentException($"optimizer tensor '{OffsetsPrefix + name}' has {offsets.Length} values, not {convolution.Outputs}");
            return (float[])offsets.Clone();
        }
        return convolution.Biases.Select((bias, o) => (float)(bias / Math.Sqrt(convolution.Variances[o] + (double)ConvolutionWeights.BatchNormEpsilon))).ToArray();
    }

    /// <summary>Leela Zero's bias for offset β and running variance: β·√(variance + ε).</summary>
    public static float BiasOf(float offset, float variance) => (float)(offset * Math.Sqrt(variance + (double)ConvolutionWeights.BatchNormEpsilon));

    /// <summary>The optimizer tensors of a trainer's parameters (values and momentum, copied).</summary>
    public static List<NamedTensor> State(IEnumerable<(string Name, float[] Values, float[] Momentum)> parameters)
    {
        var state = new List<NamedTensor>();
        foreach (var (name, values, momentum) in parameters)
        {
            state.Add(new NamedTensor(MomentumPrefix + name, (float[])momentum.Clone()));
            if (name.EndsWith(".offsets", StringComparison.Ordinal)) state.Add(new NamedTensor(OffsetsPrefix + name, (float[])values.Clone()));
        }
        return state;
    }

    /// <summary>Whether every value is finite: a checkpoint of anything else is never made.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
            if (!float.IsFinite(value)) return false;
        return true;
    }
}
