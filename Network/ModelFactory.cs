using GoZero.Network.Simd;
using GoZero.Network.Training;

namespace GoZero.Network;

/// <summary>
/// The one place networks are built: opens weights into an inference model, or weights and optimizer state into a
/// trainer, for a backend. A new backend adds itself to <see cref="ModelBackend"/> and to the switches here.
/// </summary>
public static class ModelFactory
{
    /// <summary>An inference model of <paramref name="weights"/>; the caller disposes it.</summary>
    /// <param name="threads">Threads each forward pass uses (1 to 256).</param>
    public static IInferenceModel OpenInference(NetworkWeights weights, int threads = 1, ModelBackend backend = ModelBackend.Simd) => backend switch
    {
        ModelBackend.Simd => new PolicyValueNet(weights, threads),
        _ => throw UnknownBackend(backend),
    };

    /// <summary>A trainer starting from <paramref name="weights"/> with zero momentum at step 0.</summary>
    public static IModelTrainer OpenTrainer(NetworkWeights weights, TrainingOptions options, ModelBackend backend = ModelBackend.Simd) => backend switch
    {
        ModelBackend.Simd => new PolicyValueTrainer(weights, options),
        _ => throw UnknownBackend(backend),
    };

    /// <summary>
    /// A trainer resuming from a checkpoint, at its <see cref="CheckpointMetadata.TrainingSteps"/> with its optimizer
    /// state (a checkpoint without any starts with zero momentum).
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer state is incomplete or not this backend's.</exception>
    public static IModelTrainer OpenTrainer(Checkpoint checkpoint, TrainingOptions options, ModelBackend backend = ModelBackend.Simd) => backend switch
    {
        ModelBackend.Simd => PolicyValueTrainer.Resume(checkpoint, options),
        _ => throw UnknownBackend(backend),
    };

    /// <summary>A trainer for a network file: resumed from a checkpoint, started afresh from Leela Zero text.</summary>
    public static IModelTrainer OpenTrainer(NetworkFile file, TrainingOptions options, ModelBackend backend = ModelBackend.Simd) =>
        file.Checkpoint is { } checkpoint ? OpenTrainer(checkpoint, options, backend) : OpenTrainer(file.Weights, options, backend);

    private static ArgumentOutOfRangeException UnknownBackend(ModelBackend backend) =>
        new(nameof(backend), backend, "no such backend");
}
