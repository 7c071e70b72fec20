using GoZero.Network.Training;

namespace GoZero.Network;

/// <summary>
/// Trains a network on AlphaGo Zero's loss, whatever backend runs it (<see cref="ModelFactory.OpenTrainer(NetworkWeights, TrainingOptions, ModelBackend, ModelDevice)"/>):
/// what net train and the training run see of a trainer. One <see cref="Step"/> at a time.
/// </summary>
public interface IModelTrainer : IDisposable
{
    ModelDescription Description { get; }

    /// <summary>Optimizer steps taken since the random network (the learning-rate schedule's t for the next step).</summary>
    long Steps { get; }

    /// <summary>
    /// One optimizer step on the first <see cref="TrainingBatch.Count"/> positions of <paramref name="batch"/> at
    /// learning rate η(<see cref="Steps"/>). Returns the loss before the update.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is not a finite number; nothing changed.</exception>
    TrainingLoss Step(TrainingBatch batch);

    /// <summary>The loss of the current network on a batch in inference mode (batch norm with running statistics);
    /// nothing changes.</summary>
    TrainingLoss Evaluate(TrainingBatch batch);

    /// <summary>
    /// Throws <see cref="TrainingDivergedException"/> when the current network's loss on <paramref name="batch"/> is
    /// not finite: a step checks its loss before its update, so call this before saving.
    /// </summary>
    void EnsureFinite(TrainingBatch batch);

    /// <summary>
    /// A checkpoint of the current state, weights and optimizer state, from which
    /// <see cref="ModelFactory.OpenTrainer(Checkpoint, TrainingOptions, ModelBackend, ModelDevice)"/> continues (bit for bit on the managed backend, within float tolerance on torch or across backends);
    /// <see cref="CheckpointMetadata.TrainingSteps"/> is set to <see cref="Steps"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A weight is not finite: such a checkpoint is never made.</exception>
    Checkpoint ToCheckpoint(CheckpointMetadata metadata);
}
