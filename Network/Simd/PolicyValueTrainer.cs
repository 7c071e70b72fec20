using GoZero.Network.Simd.Kernels;
using GoZero.Network.Training;

namespace GoZero.Network.Simd;

/// <summary>
/// Trains a policy-value network by stochastic gradient descent with momentum on AlphaGo Zero's loss
/// l = (z − v)² − πᵀ log p + c‖θ‖², with KataGo's ownership and score terms for a network with those heads (see
/// <see cref="TrainingLoss"/> and, for the exact update, <see cref="TrainingOptions"/>).
/// </summary>
/// <remarks>
/// <para><b>Batch norm.</b> Leela Zero's batch norm has no scale and a learned offset β (leelazero-format.md §1): in
/// training every convolution computes y = (conv(x) − μ_B) / √(σ²_B + 1e-5) + β with the batch's mean and (biased)
/// variance over all positions and points; running means and variances follow them with
/// <see cref="TrainingOptions.BatchNormMomentum"/>. The trainable parameters are the convolution weights, the
/// offsets β, and the dense layers' weights and biases (convolutions have no bias of their own: β is it).
/// <see cref="CurrentWeights"/> writes the running statistics as means and variances and β as Leela Zero's "bias"
/// β·√(variance + 1e-5), so that inference computes (conv(x) + bias − mean) / √(variance + 1e-5) = (conv(x) − mean) /
/// √(variance + 1e-5) + β exactly as the trainer does with running statistics (<see cref="Evaluate"/>).</para>
/// <para><b>Kernels.</b> Activations are channel-last in the Winograd layout of inference; the 3×3 convolutions run
/// forward, data gradient and weight gradient as Winograd F(4×4, 3×3) products (<c>TrainableConvolution</c>).
/// Buffers are allocated when a batch larger than any before arrives, so steady-state steps allocate nothing.</para>
/// <para><b>Determinism.</b> The work of a step is cut into units that do not depend on the thread count (chunks of
/// boards fixed by the network's shape, tile points, rows of weights); every sum runs in a fixed order, and sums
/// across units are reduced serially in unit order. The same weights and batches therefore give bit-identical
/// weights for any thread count, and <see cref="Resume"/> from a checkpoint written after step k continues bit for bit
/// as the uninterrupted run would (the checkpoint holds β exactly, the momentum buffers and the step count).</para>
/// <para>The <see cref="ModelBackend.Simd"/> backend's trainer (built by <see cref="ModelFactory"/>). Not thread-safe:
/// one <see cref="Step"/> at a time. Dispose to stop the helper threads.</para>
/// </remarks>
public sealed unsafe partial class PolicyValueTrainer : IModelTrainer
{
    private readonly TrainingOptions options;
    private readonly WorkerTeam team;
    private readonly int size, area, stride, width, pixelsPerBoard, tilesPerBoard, chunkBoards;
    private readonly ConvolutionLayer[] layers;
    private readonly TrainableTensor[] parameters;
    private long steps;

    public ModelDescription Description { get; }

    private NetworkShape Shape => Description.Shape;

    public TrainingOptions Options => options;

    /// <summary>Optimizer steps taken since the random network (the learning-rate schedule's t for the next step).</summary>
    public long Steps => steps;

    /// <summary>A trainer starting from <paramref name="weights"/> with zero momentum at step 0.</summary>
    internal PolicyValueTrainer(NetworkWeights weights, TrainingOptions options)
        : this(weights, options, [], 0)
    {
    }

    private PolicyValueTrainer(NetworkWeights weights, TrainingOptions options, IReadOnlyList<NamedTensor> state, long steps)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
        this.steps = steps;
        Description = ModelDescription.Of(weights.Shape);
        size = Shape.BoardSize;
        area = Shape.Area;
        var grid = new TileGrid(size, 1);
        width = grid.Width;
        pixelsPerBoard = grid.PixelsPerBoard;
        tilesPerBoard = grid.TilesPerBoard;
        stride = WinogradConvolution.RoundUp(Shape.Filters, PackedGemm.Columns);
        var exact = state.ToDictionary(t => t.Name, t => t.Values);

        var convolutions = new List<ConvolutionLayer> { new("input", weights.InputConvolution, WinogradConvolution.InputPlaneStride, exact) };
        for (int b = 0; b < weights.Blocks.Count; b++)
        {
            convolutions.Add(new ConvolutionLayer($"block{b}.first", weights.Blocks[b].First, stride, exact));
            convolutions.Add(new ConvolutionLayer($"block{b}.second", weights.Blocks[b].Second, stride, exact));
        }
        layers = convolutions.ToArray();
        heads = new HeadLayers(weights, stride, exact);
        pooling = weights.Blocks.Select((block, b) => block.GlobalPooling is { } dense ? new PoolingLayer($"block{b}.pooling", dense, Shape) : null).ToArray();
        parameters =
        [
            .. layers.SelectMany(l => new[] { l.Weights, l.Offsets }), .. heads.Parameters,
            .. pooling.OfType<PoolingLayer>().SelectMany(p => new[] { p.Weights, p.Biases }),
        ];

        // Exact offsets and momentum from a checkpoint: all or nothing, nothing unknown.
        TrainerCheckpoint.Checked(state, parameters.Select(p => (p.Name, p.Length)).ToList());
        foreach (var parameter in parameters) TrainerCheckpoint.MomentumOf(exact, parameter.Name)?.CopyTo(parameter.Momentum, 0);

        // Chunks of boards for the convolutions, fixed by the shape alone so that results do not depend on the
        // batch's split between threads; up to 4 MB of V and M where the weights stream from L3. (10×128 at batch 64,
        // samples/s on two threads and on one: 2-board chunks 64 and 32, 4-board 61–63 and 33, 8-board 58 and 33.)
        chunkBoards = WinogradConvolution.BoardsPerChunk(size, stride, streamingBytes: 4 << 20, maxBoards: 16);

        team = new WorkerTeam(options.Threads);
        scratch = Enumerable.Range(0, options.Threads).Select(_ => new AlignedBuffer(3 * ScratchLength)).ToArray();
        CreateSteps();
    }

    /// <summary>
    /// Resumes training from a checkpoint that <see cref="ToCheckpoint"/> wrote (or any checkpoint: without optimizer
    /// state, momentum starts at zero and β is recovered from the biases). The step count comes from
    /// <see cref="CheckpointMetadata.TrainingSteps"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer state is incomplete or not this network's.</exception>
    internal static PolicyValueTrainer Resume(Checkpoint checkpoint, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new PolicyValueTrainer(checkpoint.Weights, options, checkpoint.OptimizerState, checkpoint.Metadata.TrainingSteps);
    }

    /// <summary>
    /// One optimizer step on the first <see cref="TrainingBatch.Count"/> positions of <paramref name="batch"/>:
    /// forward pass in training mode, backward pass, then the update at learning rate η(<see cref="Steps"/>). Returns
    /// the loss before the update.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is not a finite number (training has diverged, or the
    /// batch holds non-finite values); the weights and momentum are left as they were before the step.</exception>
    public TrainingLoss Step(TrainingBatch batch)
    {
        var loss = ComputeGradients(batch, inputGradient: false);
        if (!double.IsFinite(loss.Total))
            throw new TrainingDivergedException(steps + 1, options.LearningRate.RateAt(steps), "the loss is not finite", loss);
        UpdateRunningStatistics();
        float rate = (float)options.LearningRate.RateAt(steps);
        float momentum = (float)options.Momentum, twiceDecay = (float)(2 * options.WeightDecay);
        foreach (var parameter in parameters) parameter.Update(rate, momentum, twiceDecay);
        steps++;
        return loss;
    }

    public TrainingLoss Evaluate(TrainingBatch batch) => Evaluate(batch, default, default);

    /// <summary>
    /// The loss of the current network on a batch in inference mode (batch norm with running statistics; nothing
    /// changes). <paramref name="policyLogits"/> ([Count][N²+1]), <paramref name="values"/> ([Count], tanh) and, for a
    /// network with the auxiliary heads, <paramref name="ownership"/> ([Count][N²], tanh) and <paramref name="scores"/>
    /// ([Count], points) receive the outputs when not empty.
    /// </summary>
    public TrainingLoss Evaluate(TrainingBatch batch, Span<float> policyLogits = default, Span<float> values = default, Span<float> ownership = default, Span<float> scores = default)
    {
        Prepare(batch, training: false, inputGradient: false);
        if (!policyLogits.IsEmpty && policyLogits.Length != count * Shape.PolicySize)
            throw new ArgumentException($"policyLogits must hold Count × (N² + 1) = {count * Shape.PolicySize} floats, not {policyLogits.Length}", nameof(policyLogits));
        if (!values.IsEmpty && values.Length != count)
            throw new ArgumentException($"values must hold Count = {count} floats, not {values.Length}", nameof(values));
        if ((!ownership.IsEmpty || !scores.IsEmpty) && !heads.Auxiliary)
            throw new ArgumentException("the network has no ownership or score head");
        if (!ownership.IsEmpty && ownership.Length != count * area)
            throw new ArgumentException($"ownership must hold Count × N² = {count * area} floats, not {ownership.Length}", nameof(ownership));
        if (!scores.IsEmpty && scores.Length != count)
            throw new ArgumentException($"scores must hold Count = {count} floats, not {scores.Length}", nameof(scores));
        var loss = Forward();
        if (!policyLogits.IsEmpty) new ReadOnlySpan<float>(heads.Logits.Pointer, count * Shape.PolicySize).CopyTo(policyLogits);
        if (!values.IsEmpty) new ReadOnlySpan<float>(heads.Values.Pointer, count).CopyTo(values);
        if (!ownership.IsEmpty) new ReadOnlySpan<float>(heads.Ownership.Pointer, count * area).CopyTo(ownership);
        if (!scores.IsEmpty) new ReadOnlySpan<float>(heads.Scores.Pointer, count).CopyTo(scores);
        return loss;
    }

    /// <summary>
    /// Throws <see cref="TrainingDivergedException"/> when the current network's loss on <paramref name="batch"/>
    /// (inference mode) is not finite. A step checks the loss before its update, so the last update of a session can
    /// still overflow (a learning rate of 1e30 takes weights to 1e29 in one step, finite but useless): call this
    /// before saving.
    /// </summary>
    public void EnsureFinite(TrainingBatch batch)
    {
        var loss = Evaluate(batch);
        if (!double.IsFinite(loss.Total))
            throw new TrainingDivergedException(steps, options.LearningRate.RateAt(Math.Max(steps - 1, 0)), "the loss after its update is not finite", loss);
    }

    /// <summary>Forward and backward passes; leaves the data loss's gradient in every parameter's Gradient.</summary>
    internal TrainingLoss ComputeGradients(TrainingBatch batch, bool inputGradient)
    {
        Prepare(batch, training: true, inputGradient);
        var loss = Forward();
        Backward();
        return loss;
    }

    /// <summary>Every trainable tensor, stem first, heads, then the pooling layers (for tests and the optimizer).</summary>
    internal IReadOnlyList<TrainableTensor> Parameters => parameters;

    /// <summary>
    /// The inference weights: trained weights, running statistics, β as Leela Zero's bias. Loadable by
    /// <see cref="PolicyValueNet"/>, writable as a checkpoint or Leela Zero text.
    /// </summary>
    public NetworkWeights CurrentWeights()
    {
        var weights = new NetworkWeights(Shape);
        layers[0].CopyTo(weights.InputConvolution);
        for (int b = 0; b < weights.Blocks.Count; b++)
        {
            layers[1 + 2 * b].CopyTo(weights.Blocks[b].First);
            layers[2 + 2 * b].CopyTo(weights.Blocks[b].Second);
        }
        heads.CopyTo(weights);
        for (int b = 0; b < weights.Blocks.Count; b++) pooling[b]?.CopyTo(weights.Blocks[b].GlobalPooling!);
        return weights;
    }

    /// <summary>
    /// A checkpoint of the current state: <see cref="CurrentWeights"/>, and as optimizer tensors every momentum buffer
    /// ("momentum/NAME") and the exact batch-norm offsets ("batchnorm/NAME.offsets"; the bias in the weights is
    /// β·√(variance + ε), rounded). <see cref="CheckpointMetadata.TrainingSteps"/> is set to <see cref="Steps"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A weight or momentum value is not finite: the last step's update
    /// overflowed, though its loss (computed before the update) was finite. Such a checkpoint is never made.</exception>
    public Checkpoint ToCheckpoint(CheckpointMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var weights = CurrentWeights();
        if (!weights.Tensors.All(t => TrainerCheckpoint.AllFinite(t)) || !parameters.All(p => TrainerCheckpoint.AllFinite(p.Momentum)))
            throw new TrainingDivergedException(steps, options.LearningRate.RateAt(Math.Max(steps - 1, 0)), "the weights are not finite after its update");
        var state = TrainerCheckpoint.State(parameters.Select(p => (p.Name, p.Values, p.Momentum)));
        return new Checkpoint(weights, metadata with { TrainingSteps = steps }, state);
    }

    public void Dispose() => team.Dispose();

    /// <summary>running ← (1 − m)·running + m·batch for every batch norm, the batch variance unbiased (n / (n − 1)).</summary>
    private void UpdateRunningStatistics()
    {
        double m = options.BatchNormMomentum, n = (double)count * area, unbiased = n / (n - 1);
        foreach (var convolution in layers) Update(convolution.RunningMeans, convolution.RunningVariances, convolution.BatchMeans, convolution.BatchVariances);
        Update(heads.RunningMeans, heads.RunningVariances, heads.BatchMeans, heads.BatchVariances);

        void Update(float[] runningMeans, float[] runningVariances, double[] means, double[] variances)
        {
            for (int c = 0; c < runningMeans.Length; c++)
            {
                runningMeans[c] = (float)((1 - m) * runningMeans[c] + m * means[c]);
                runningVariances[c] = (float)((1 - m) * runningVariances[c] + m * variances[c] * unbiased);
            }
        }
    }
}
