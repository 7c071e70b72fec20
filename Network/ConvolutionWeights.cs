namespace GoZero.Network;

/// <summary>
/// One convolution with its batch norm, as Leela Zero stores it: weights [out][in][k][k] (cross-correlation, zero
/// padding k/2), a bias per output, and the batch norm's running mean and variance (no scale, no learned offset
/// beyond the bias: y = (conv(x) + bias − mean) / √(variance + 1e-5)).
/// </summary>
public sealed class ConvolutionWeights
{
    public const float BatchNormEpsilon = 1e-5f;

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>1 or 3.</summary>
    public int Kernel { get; }

    public float[] Weights { get; }
    public float[] Biases { get; }
    public float[] Means { get; }
    public float[] Variances { get; }

    public ConvolutionWeights(int inputs, int outputs, int kernel)
    {
        if (kernel is not (1 or 3)) throw new ArgumentException($"kernel must be 1 or 3, not {kernel}", nameof(kernel));
        Inputs = inputs;
        Outputs = outputs;
        Kernel = kernel;
        Weights = new float[outputs * inputs * kernel * kernel];
        Biases = new float[outputs];
        Means = new float[outputs];
        Variances = new float[outputs];
        Array.Fill(Variances, 1f);
    }

    /// <summary>The tensors in Leela Zero's file order: weights, biases, means, variances.</summary>
    public IEnumerable<float[]> Tensors => [Weights, Biases, Means, Variances];
}
