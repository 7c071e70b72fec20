namespace GoZero.Network;

/// <summary>
/// What runs a model (<see cref="ModelFactory"/>). Each backend lives in its own folder of Network/ and passes the
/// conformance tests, which run over every value here.
/// </summary>
public enum ModelBackend
{
    /// <summary>GoZero's own CPU code (Network/Simd): Winograd convolutions in SIMD C#, deterministic to the bit
    /// for any thread count and batch.</summary>
    Simd,

    /// <summary>libtorch through TorchSharp (Network/Torch), on the CPU or a CUDA device: the same networks and
    /// checkpoints, agreeing with <see cref="Simd"/> within float tolerance. Loads native libraries when opened.</summary>
    Torch,
}
