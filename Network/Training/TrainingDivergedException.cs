namespace GoZero.Network.Training;

/// <summary>
/// Training that reached a loss or weights that are not finite numbers: the learning rate is too high for the network
/// (a batch cannot be the cause: the chunk reader refuses non-finite samples). Nothing of the diverged state may be
/// saved; the caller keeps its last checkpoint and says which it is.
/// </summary>
/// <param name="step">The 1-based number of the step that diverged, as progress lines count steps.</param>
/// <param name="learningRate">The rate the schedule gave that step.</param>
/// <param name="what">What is not finite, in a few words: "the loss is not finite".</param>
/// <param name="loss">The loss of the step, when it was computed.</param>
public sealed class TrainingDivergedException(long step, double learningRate, string what, TrainingLoss? loss = null)
    : Exception($"training diverged at step {step} ({what}{(loss is null ? "" : $": {loss}")}) at learning rate {learningRate:G4}")
{
    public long Step { get; } = step;

    public double LearningRate { get; } = learningRate;

    public string What { get; } = what;

    public TrainingLoss? Loss { get; } = loss;
}
