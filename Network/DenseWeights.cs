namespace GoZero.Network;

/// <summary>A fully connected layer: weights [out][in] row-major and a bias per output.</summary>
public sealed class DenseWeights
{
    public int Inputs { get; }
    public int Outputs { get; }
    public float[] Weights { get; }
    public float[] Biases { get; }

    public DenseWeights(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = new float[outputs * inputs];
        Biases = new float[outputs];
    }

    /// <summary>The tensors in Leela Zero's file order: weights, biases.</summary>
    public IEnumerable<float[]> Tensors => [Weights, Biases];
}
