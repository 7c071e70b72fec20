namespace GoZero.Network.Training;

/// <summary>
/// How a trainer (<see cref="IModelTrainer"/>) trains: stochastic gradient descent with momentum on AlphaGo Zero's loss.
/// </summary>
/// <remarks>
/// The update for every trainable parameter θ with data-loss gradient g, at step t (0 for the first step):
/// <code>
///   v ← μ·v + (g + 2c·θ)      θ ← θ − η(t)·v
/// </code>
/// 2c·θ is the gradient of the loss's c‖θ‖² term as AlphaGo Zero writes it, so <see cref="WeightDecay"/> c = 1e-4
/// is PyTorch's <c>weight_decay=2e-4</c>. The momentum form is PyTorch's SGD (no dampening, not Nesterov).
/// </remarks>
public sealed record TrainingOptions
{
    /// <summary>
    /// The default learning rate: large enough that a small network learns within a few hundred steps of batch 32–256,
    /// small enough that it stays stable with momentum 0.9 (AlphaGo Zero started at 0.01 with far larger batches).
    /// </summary>
    public const double DefaultLearningRate = 0.02;

    /// <summary>η(t), by default <see cref="DefaultLearningRate"/> throughout.</summary>
    public LearningRateSchedule LearningRate { get; init; } = LearningRateSchedule.Constant(DefaultLearningRate);

    /// <summary>μ, 0.9 as in AlphaGo Zero.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>c in the loss's c‖θ‖², 1e-4 as in AlphaGo Zero. Applies to every trainable parameter.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>
    /// w in the loss w·(z − v)² − πᵀ log p + c‖θ‖², 1 as in AlphaGo Zero's reinforcement learning. Its supervised
    /// run on KGS games weighted the value term 0.01 (Methods, "Supervised learning"): a game gives hundreds of
    /// positions of one z, and a full-weight value head memorises games rather than learning to judge positions.
    /// </summary>
    public double ValueWeight { get; init; } = 1;

    /// <summary>
    /// The weight of the ownership term (<see cref="TrainingLoss.Ownership"/>, a mean over the points), 1.5 as KataGo's
    /// (Wu 2019, section 4.1: 1.5/N² times the cross-entropy summed over the points). Ignored by a network without the
    /// ownership head.
    /// </summary>
    public double OwnershipWeight { get; init; } = DefaultOwnershipWeight;

    public const double DefaultOwnershipWeight = 1.5;

    /// <summary>
    /// The weight of the score term (<see cref="TrainingLoss.Score"/>, Huber of the error in units of 20 points), small
    /// as KataGo keeps its score terms beside the value and ownership ones: 0.02, so that a typical 20-point error
    /// weighs about a hundredth of the value term's. Ignored by a network without the score head.
    /// </summary>
    public double ScoreWeight { get; init; } = DefaultScoreWeight;

    public const double DefaultScoreWeight = 0.02;

    /// <summary>
    /// How far each step moves batch norm's running mean and variance (which inference uses) towards the batch's:
    /// running ← (1 − m)·running + m·batch, with the batch variance unbiased (n / (n − 1)); 0.1 as PyTorch.
    /// </summary>
    public double BatchNormMomentum { get; init; } = 0.1;

    /// <summary>Threads per step (the caller's own and helpers). Results are bit for bit the same for any count.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> for options no training can run with.</summary>
    public TrainingOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(LearningRate);
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentException($"momentum must be in [0, 1), not {Momentum}");
        if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) throw new ArgumentException($"weight decay must be 0 or more, not {WeightDecay}");
        if (!(ValueWeight >= 0 && double.IsFinite(ValueWeight))) throw new ArgumentException($"value weight must be 0 or more, not {ValueWeight}");
        if (!(OwnershipWeight >= 0 && double.IsFinite(OwnershipWeight))) throw new ArgumentException($"ownership weight must be 0 or more, not {OwnershipWeight}");
        if (!(ScoreWeight >= 0 && double.IsFinite(ScoreWeight))) throw new ArgumentException($"score weight must be 0 or more, not {ScoreWeight}");
        if (!(BatchNormMomentum > 0 && BatchNormMomentum <= 1)) throw new ArgumentException($"batch norm momentum must be in (0, 1], not {BatchNormMomentum}");
        if (Threads < 1 || Threads > 256) throw new ArgumentException($"threads must be 1 to 256, not {Threads}");
        return this;
    }
}
