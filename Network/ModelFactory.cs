using GoZero.Network.Simd;
using GoZero.Network.Torch;
using GoZero.Network.Training;

namespace GoZero.Network;

/// <summary>
/// The one place networks are built: opens weights into an inference model, or weights and optimizer state into a
/// trainer, for a backend on a device. A new backend adds itself to <see cref="ModelBackend"/> and to the switches here.
/// </summary>
/// <remarks>Only <see cref="ModelBackend.Torch"/> loads native libraries, and only when it is opened here.</remarks>
public static class ModelFactory
{
    /// <summary>An inference model of <paramref name="weights"/>; the caller disposes it.</summary>
    /// <param name="threads">Threads each forward pass uses (1 to 256).</param>
    /// <param name="device">Where it runs: the CPU (the default) or, on the torch backend, a CUDA device.</param>
    /// <exception cref="ArgumentException">The backend cannot run on <paramref name="device"/>.</exception>
    /// <exception cref="TorchUnavailableException">The torch backend cannot load libtorch or find the device.</exception>
    public static IInferenceModel OpenInference(NetworkWeights weights, int threads = 1, ModelBackend backend = ModelBackend.Simd, ModelDevice device = default)
    {
        CheckDevice(backend, device);
        return backend switch
        {
            ModelBackend.Simd => new PolicyValueNet(weights, threads),
            ModelBackend.Torch => new TorchPolicyValueNet(weights, threads, device),
            _ => throw UnknownBackend(backend),
        };
    }

    /// <summary>A trainer starting from <paramref name="weights"/> with zero momentum at step 0.</summary>
    public static IModelTrainer OpenTrainer(NetworkWeights weights, TrainingOptions options, ModelBackend backend = ModelBackend.Simd, ModelDevice device = default)
    {
        CheckDevice(backend, device);
        return backend switch
        {
            ModelBackend.Simd => new PolicyValueTrainer(weights, options),
            ModelBackend.Torch => new TorchPolicyValueTrainer(weights, options, device, [], 0),
            _ => throw UnknownBackend(backend),
        };
    }

    /// <summary>
    /// A trainer resuming from a checkpoint, at its <see cref="CheckpointMetadata.TrainingSteps"/> with its optimizer
    /// state (a checkpoint without any starts with zero momentum). Every backend reads every backend's checkpoints.
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer state is incomplete or not this network's.</exception>
    public static IModelTrainer OpenTrainer(Checkpoint checkpoint, TrainingOptions options, ModelBackend backend = ModelBackend.Simd, ModelDevice device = default)
    {
        CheckDevice(backend, device);
        return backend switch
        {
            ModelBackend.Simd => PolicyValueTrainer.Resume(checkpoint, options),
            ModelBackend.Torch => new TorchPolicyValueTrainer(checkpoint.Weights, options, device, checkpoint.OptimizerState, checkpoint.Metadata.TrainingSteps),
            _ => throw UnknownBackend(backend),
        };
    }

    /// <summary>A trainer for a network file: resumed from a checkpoint, started afresh from Leela Zero text.</summary>
    public static IModelTrainer OpenTrainer(NetworkFile file, TrainingOptions options, ModelBackend backend = ModelBackend.Simd, ModelDevice device = default) =>
        file.Checkpoint is { } checkpoint ? OpenTrainer(checkpoint, options, backend, device) : OpenTrainer(file.Weights, options, backend, device);

    /// <exception cref="ArgumentException">The managed backend is asked to run on a CUDA device.</exception>
    private static void CheckDevice(ModelBackend backend, ModelDevice device)
    {
        if (backend == ModelBackend.Simd && device.IsCuda)
            throw new ArgumentException($"the managed backend runs on the CPU only, not on {device}: use the torch backend for CUDA", nameof(device));
    }

    private static ArgumentOutOfRangeException UnknownBackend(ModelBackend backend) =>
        new(nameof(backend), backend, "no such backend");
}
