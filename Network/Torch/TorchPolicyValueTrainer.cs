using GoZero.Network.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GoZero.Network.Torch;

/// <summary>
/// The <see cref="ModelBackend.Torch"/> backend's trainer: the arithmetic of the managed trainer
/// (<see cref="Simd.PolicyValueTrainer"/>) on libtorch, with autograd for the gradients. Batch norm in training uses the
/// batch's mean and biased variance over all positions and points, y = (z − μ_B) / √(σ²_B + 1e-5) + β, and the running
/// statistics follow them with <see cref="TrainingOptions.BatchNormMomentum"/> (the variance unbiased) once the step's
/// loss is known finite. The update is written here rather than taken from torch.optim.SGD so that it is visibly
/// <see cref="TrainingOptions"/>' v ← μ·v + (g + 2c·θ), θ ← θ − η·v (SGD with weight_decay = 2c and no dampening is the
/// same, but its state could not be read into a checkpoint without reaching into the optimizer). Parameters and
/// optimizer state carry <see cref="TrainerCheckpoint"/>'s names, so checkpoints move between the backends.
/// </summary>
/// <remarks>float32 throughout, so results agree with the managed trainer within float tolerance, not to the bit; the
/// sums libtorch splits between threads are not fixed in order. Not thread-safe: one <see cref="Step"/> at a time.</remarks>
public sealed class TorchPolicyValueTrainer : IModelTrainer
{
    private static readonly long[] Same3x3 = [1, 1], Same1x1 = [0, 0], BatchAndPoints = [0, 2, 3], PerPoint = [1];

    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly BatchNormLayer[] tower;
    private readonly BatchNormLayer policyConvolution, valueConvolution;
    private readonly (Parameter Weights, Parameter Biases) policyDense, valueHidden, valueOutput;
    private readonly (Parameter Weights, Parameter Biases)[] dense;

    /// <summary>Each residual block's global pooling layer (also in <see cref="dense"/>); null for a block that does not pool.</summary>
    private readonly (Parameter Weights, Parameter Biases)?[] pooling;
    private readonly Parameter[] parameters;
    private long steps;

    public ModelDescription Description { get; }

    public long Steps => steps;

    private NetworkShape Shape => Description.Shape;

    /// <summary>A trainer starting from <paramref name="weights"/>, or resuming from <paramref name="state"/>
    /// (<see cref="TrainerCheckpoint"/>) at <paramref name="steps"/>.</summary>
    /// <exception cref="ArgumentException">The optimizer state is incomplete or not this network's.</exception>
    /// <exception cref="TorchUnavailableException">libtorch or the device cannot be had.</exception>
    internal TorchPolicyValueTrainer(NetworkWeights weights, TrainingOptions options, ModelDevice device, IReadOnlyList<NamedTensor> state, long steps)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
        this.steps = steps;
        Description = ModelDescription.Of(weights.Shape);
        var exact = state.ToDictionary(t => t.Name, t => t.Values);
        TrainerCheckpoint.Checked(state, TrainerCheckpoint.Parameters(weights));

        this.device = TorchRuntime.DeviceOf(device);
        TorchRuntime.UseThreads(options.Threads);
        tower = TrainerCheckpoint.ConvolutionNames(weights.Shape).SkipLast(2).Zip(weights.Convolutions)
            .Select(c => new BatchNormLayer(c.First, c.Second, exact, this.device)).ToArray();
        policyConvolution = new BatchNormLayer("policy.convolution", weights.PolicyConvolution, exact, this.device);
        valueConvolution = new BatchNormLayer("value.convolution", weights.ValueConvolution, exact, this.device);
        policyDense = DenseLayer("policy.dense", weights.PolicyDense, exact);
        valueHidden = DenseLayer("value.hidden", weights.ValueHidden, exact);
        valueOutput = DenseLayer("value.output", weights.ValueOutput, exact);
        // Every dense layer of NetworkWeights.Dense, named as TrainerCheckpoint names them: the ownership's 1×1
        // convolution and the score layer follow the value output where the network has them, then the pooling
        // blocks' layers.
        dense = [policyDense, valueHidden, valueOutput, .. TrainerCheckpoint.DenseNames(weights.Shape).Zip(weights.Dense).Skip(3).Select(d => DenseLayer(d.First, d.Second, exact))];
        var poolingLayers = new Queue<(Parameter, Parameter)>(dense.Skip(3 + (weights.Shape.AuxiliaryHeads ? 2 : 0)));
        pooling = [.. Enumerable.Range(0, weights.Shape.Blocks).Select(b => weights.Shape.PoolsIn(b) ? poolingLayers.Dequeue() : ((Parameter, Parameter)?)null)];
        parameters =
        [
            .. tower.SelectMany(l => new[] { l.Weights, l.Offsets }),
            policyConvolution.Weights, policyConvolution.Offsets, policyDense.Weights, policyDense.Biases,
            valueConvolution.Weights, valueConvolution.Offsets, valueHidden.Weights, valueHidden.Biases, valueOutput.Weights, valueOutput.Biases,
            .. dense.Skip(3).SelectMany(d => new[] { d.Weights, d.Biases }),
        ];
    }

    public TrainingLoss Step(TrainingBatch batch)
    {
        TorchRuntime.UseThreads(options.Threads);
        using var scope = NewDisposeScope();
        foreach (var parameter in parameters) parameter.Values.grad?.zero_();
        var (total, loss) = Loss(batch, training: true);
        if (!double.IsFinite(loss.Total))
            throw new TrainingDivergedException(steps + 1, options.LearningRate.RateAt(steps), "the loss is not finite", loss);
        total.backward();
        foreach (var layer in BatchNormLayers) layer.UpdateRunningStatistics(options.BatchNormMomentum, (double)batch.Count * Shape.Area);
        double rate = options.LearningRate.RateAt(steps);
        using (no_grad())
        {
            foreach (var parameter in parameters)
            {
                parameter.Momentum.mul_(options.Momentum).add_(parameter.Values.grad!).add_(parameter.Values, 2 * options.WeightDecay);
                parameter.Values.add_(parameter.Momentum, -rate);
            }
        }
        steps++;
        return loss;
    }

    /// <summary>The loss of the current network on a batch in inference mode (running statistics; nothing changes).</summary>
    public TrainingLoss Evaluate(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        return Loss(batch, training: false).Loss;
    }

    public void EnsureFinite(TrainingBatch batch)
    {
        var loss = Evaluate(batch);
        if (!double.IsFinite(loss.Total))
            throw new TrainingDivergedException(steps, options.LearningRate.RateAt(Math.Max(steps - 1, 0)), "the loss after its update is not finite", loss);
    }

    /// <summary>The inference weights: trained weights, running statistics, β as Leela Zero's bias.</summary>
    public NetworkWeights CurrentWeights()
    {
        var weights = new NetworkWeights(Shape);
        foreach (var (layer, target) in BatchNormLayers.Zip(weights.Convolutions)) layer.CopyTo(target);
        foreach (var ((w, b), target) in dense.Zip(weights.Dense))
        {
            w.ToArray().CopyTo(target.Weights, 0);
            b.ToArray().CopyTo(target.Biases, 0);
        }
        return weights;
    }

    public Checkpoint ToCheckpoint(CheckpointMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var weights = CurrentWeights();
        var values = parameters.Select(p => (p.Name, p.ToArray(), p.MomentumArray())).ToList();
        if (!weights.Tensors.All(t => TrainerCheckpoint.AllFinite(t)) || !values.All(p => TrainerCheckpoint.AllFinite(p.Item3)))
            throw new TrainingDivergedException(steps, options.LearningRate.RateAt(Math.Max(steps - 1, 0)), "the weights are not finite after its update");
        return new Checkpoint(weights, metadata with { TrainingSteps = steps }, TrainerCheckpoint.State(values));
    }

    public void Dispose()
    {
        foreach (var parameter in parameters) parameter.Dispose();
        foreach (var layer in BatchNormLayers) layer.Dispose();
    }

    /// <summary>Every convolution, stem first, heads last (the order of <see cref="NetworkWeights.Convolutions"/>).</summary>
    private IEnumerable<BatchNormLayer> BatchNormLayers => [.. tower, policyConvolution, valueConvolution];

    /// <summary>The forward pass and the loss (<see cref="TrainingLoss"/>, as the managed trainer computes it): the
    /// data loss as a tensor to differentiate, and its terms.</summary>
    private (Tensor Total, TrainingLoss Loss) Loss(TrainingBatch batch, bool training)
    {
        int count = batch.Count, size = Shape.BoardSize, policySize = Shape.PolicySize;
        var planes = empty(count, NetworkShape.InputPlanes, size, size, ScalarType.Float32);
        planes.data<float>().CopyFrom(batch.Planes.AsSpan(0, count * batch.PlaneLength), 0, 0);
        var targets = empty(count, policySize, ScalarType.Float32);
        targets.data<float>().CopyFrom(batch.Policy.AsSpan(0, count * policySize), 0, 0);
        var results = Rows(batch.Value, count, 1);
        var hasPolicy = Rows(batch.HasPolicy, count, 1);

        var h = relu(tower[0].Forward(planes.to(device), Same3x3, training));
        for (int b = 1; b < tower.Length; b += 2)
        {
            var middle = tower[b].Forward(h, Same3x3, training);
            middle = relu(pooling[b / 2] is var (poolingWeights, poolingBiases)
                ? GlobalPoolingBias.Add(middle, poolingWeights.Values, poolingBiases.Values, Shape)
                : middle);
            h = relu(tower[b + 1].Forward(middle, Same3x3, training) + h);
        }
        var policyPlanes = relu(policyConvolution.Forward(h, Same1x1, training)).flatten(1);
        var logits = linear(policyPlanes, policyDense.Weights.Values, policyDense.Biases.Values);
        var valuePlane = relu(valueConvolution.Forward(h, Same1x1, training)).flatten(1);
        var hidden = relu(linear(valuePlane, valueHidden.Weights.Values, valueHidden.Biases.Values));
        var values = tanh(linear(hidden, valueOutput.Weights.Values, valueOutput.Biases.Values)).flatten();

        var policyLoss = (-(targets.to(device) * log_softmax(logits, 1)).sum(1) * hasPolicy).mean();
        var valueLoss = (values - results).square().mean();
        var total = options.ValueWeight * valueLoss + policyLoss;
        double squaredNorm = 0;
        using (no_grad())
            foreach (var parameter in parameters) squaredNorm += parameter.Values.square().sum().to(ScalarType.Float64).cpu().item<double>();
        if (!Shape.AuxiliaryHeads)
            return (total, new TrainingLoss(valueLoss.cpu().item<float>(), policyLoss.cpu().item<float>(), options.WeightDecay * squaredNorm, options.ValueWeight));

        // KataGo's ownership and score terms (Wu 2019, section 4.1): o = tanh(u) so (1 + o)/2 = σ(2u), and the
        // cross-entropy against (1 + t)/2 is binary cross-entropy on the logit 2u; Huber (δ = 1) of the score error
        // in units of NetworkShape.ScoreScale points.
        var (ownershipLayer, scoreLayer) = (dense[3], dense[4]);
        var ownershipLogits = conv2d(h, ownershipLayer.Weights.Values.view(1, Shape.Filters, 1, 1), ownershipLayer.Biases.Values).flatten(1);
        var ownershipTargets = (Rows(batch.Ownership, count, Shape.Area) + 1) / 2;
        var ownershipLoss = (binary_cross_entropy_with_logits(2 * ownershipLogits, ownershipTargets, reduction: nn.Reduction.None).mean(PerPoint) * Rows(batch.HasOwnership, count, 1)).mean();
        var scoreRaw = linear(hidden, scoreLayer.Weights.Values, scoreLayer.Biases.Values).flatten();
        var scoreTargets = Rows(batch.Score, count, 1) / NetworkShape.ScoreScale;
        var scoreLoss = (huber_loss(scoreRaw, scoreTargets, reduction: nn.Reduction.None, delta: 1) * Rows(batch.HasScore, count, 1)).mean();
        total = total + options.OwnershipWeight * ownershipLoss + options.ScoreWeight * scoreLoss;
        return (total, new TrainingLoss(valueLoss.cpu().item<float>(), policyLoss.cpu().item<float>(), options.WeightDecay * squaredNorm, options.ValueWeight,
            ownershipLoss.cpu().item<float>(), scoreLoss.cpu().item<float>(), options.OwnershipWeight, options.ScoreWeight));
    }

    /// <summary>The first <paramref name="count"/> rows of a batch array, <paramref name="width"/> floats each, on the
    /// device ([count] for a width of 1).</summary>
    private Tensor Rows(float[] values, int count, int width)
    {
        var rows = width == 1 ? empty(count, ScalarType.Float32) : empty(count, width, ScalarType.Float32);
        rows.data<float>().CopyFrom(values.AsSpan(0, count * width), 0, 0);
        return rows.to(device);
    }

    private (Parameter, Parameter) DenseLayer(string name, DenseWeights dense, IReadOnlyDictionary<string, float[]> exact) =>
        (new Parameter(name + ".weights", dense.Weights, [dense.Outputs, dense.Inputs], exact, device),
         new Parameter(name + ".biases", dense.Biases, [dense.Outputs], exact, device));

    /// <summary>A trainable tensor and its momentum buffer, named as in checkpoints.</summary>
    private sealed class Parameter : IDisposable
    {
        public Parameter(string name, float[] values, long[] shape, IReadOnlyDictionary<string, float[]> exact, Device device)
        {
            Name = name;
            Values = tensor(values, shape, ScalarType.Float32, device).requires_grad_(true);
            Momentum = TrainerCheckpoint.MomentumOf(exact, name) is { } momentum
                ? tensor(momentum, shape, ScalarType.Float32, device)
                : zeros(shape, ScalarType.Float32, device);
        }

        public string Name { get; }
        public Tensor Values { get; }
        public Tensor Momentum { get; }

        public float[] ToArray() => Values.detach().cpu().data<float>().ToArray();

        public float[] MomentumArray() => Momentum.cpu().data<float>().ToArray();

        public void Dispose()
        {
            Values.Dispose();
            Momentum.Dispose();
        }
    }

    /// <summary>A convolution without bias and its batch norm with offset β and running statistics.</summary>
    private sealed class BatchNormLayer : IDisposable
    {
        private readonly float[] runningMeans, runningVariances;
        private float[] batchMeans = [], batchVariances = [];

        public BatchNormLayer(string name, ConvolutionWeights initial, IReadOnlyDictionary<string, float[]> exact, Device device)
        {
            Weights = new Parameter(name + ".weights", initial.Weights, [initial.Outputs, initial.Inputs, initial.Kernel, initial.Kernel], exact, device);
            Offsets = new Parameter(name + ".offsets", TrainerCheckpoint.OffsetsOf(initial, exact, name + ".offsets"), [initial.Outputs], exact, device);
            runningMeans = (float[])initial.Means.Clone();
            runningVariances = (float[])initial.Variances.Clone();
        }

        public Parameter Weights { get; }
        public Parameter Offsets { get; }

        /// <summary>(conv(x) − μ) / √(σ² + ε) + β, with the batch's statistics in training, the running ones otherwise.</summary>
        public Tensor Forward(Tensor x, long[] padding, bool training)
        {
            var z = conv2d(x, Weights.Values, padding: padding);
            Tensor mean, variance;
            if (training)
            {
                mean = z.mean(BatchAndPoints);
                variance = z.var(BatchAndPoints, unbiased: false);
                batchMeans = mean.detach().cpu().data<float>().ToArray();
                batchVariances = variance.detach().cpu().data<float>().ToArray();
            }
            else
            {
                mean = tensor(runningMeans, ScalarType.Float32, z.device);
                variance = tensor(runningVariances, ScalarType.Float32, z.device);
            }
            long channels = z.shape[1];
            return (z - mean.view(1, channels, 1, 1)) * (variance + ConvolutionWeights.BatchNormEpsilon).rsqrt().view(1, channels, 1, 1) + Offsets.Values.view(1, channels, 1, 1);
        }

        /// <summary>running ← (1 − m)·running + m·batch, the batch variance unbiased (n / (n − 1)).</summary>
        public void UpdateRunningStatistics(double m, double n)
        {
            double unbiased = n / (n - 1);
            for (int c = 0; c < runningMeans.Length; c++)
            {
                runningMeans[c] = (float)((1 - m) * runningMeans[c] + m * batchMeans[c]);
                runningVariances[c] = (float)((1 - m) * runningVariances[c] + m * batchVariances[c] * unbiased);
            }
        }

        public void CopyTo(ConvolutionWeights target)
        {
            Weights.ToArray().CopyTo(target.Weights, 0);
            runningMeans.CopyTo(target.Means, 0);
            runningVariances.CopyTo(target.Variances, 0);
            var offsets = Offsets.ToArray();
            for (int o = 0; o < target.Outputs; o++) target.Biases[o] = TrainerCheckpoint.BiasOf(offsets[o], runningVariances[o]);
        }

        public void Dispose()
        {
            Weights.Dispose();
            Offsets.Dispose();
        }
    }
}
