namespace GoZero.Network;

/// <summary>
/// A network that evaluates positions, whatever backend runs it (<see cref="ModelFactory.OpenInference"/>): what the
/// search, net eval, net test and GTP see of a network.
/// </summary>
/// <remarks>
/// Every backend must pass the conformance tests (GoZero.Network.Tests/Conformance): outputs within 1e-4 of the
/// float64 reference and within 1e-5 of Leela Zero's on its fixture. <see cref="Forward"/> may be called from any
/// number of threads at once.
/// </remarks>
public interface IInferenceModel : IDisposable
{
    ModelDescription Description { get; }

    /// <summary>Threads each <see cref="Forward"/> call uses.</summary>
    int Threads { get; }

    /// <summary>
    /// Evaluates <paramref name="batch"/> positions (0 does nothing): reads batch × <see cref="ModelDescription.InputLength"/>
    /// floats of <paramref name="inputs"/> and fills every head of <paramref name="outputs"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not exactly what the batch needs
    /// (<see cref="ModelDescription.CheckForward"/>).</exception>
    void Forward(ReadOnlySpan<float> inputs, int batch, ModelOutputs outputs);
}
