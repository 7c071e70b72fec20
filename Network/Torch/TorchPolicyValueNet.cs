using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GoZero.Network.Torch;

/// <summary>
/// The <see cref="ModelBackend.Torch"/> backend's inference model: the network of <see cref="NetworkWeights"/> on
/// libtorch, on the CPU or a CUDA device. Each batch norm is folded into its convolution (w·s and (bias − mean)·s with
/// s = 1/√(variance + 1e-5), computed in double), so a layer is one conv2d with bias. The input planes
/// (<see cref="InputPlanes"/>, [batch][18][N²]) are already channels-first, NCHW as conv2d reads them. Pooling blocks
/// add <see cref="GlobalPoolingBias"/> before their middle ReLU.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> may run on several threads at once: it only reads the weights, and gradients are off on the
/// calling thread. libtorch's thread count is one setting per process (<see cref="TorchRuntime.UseThreads"/>); each
/// forward pass sets it to <see cref="Threads"/> when it differs.
/// </remarks>
public sealed class TorchPolicyValueNet : IInferenceModel
{
    private static readonly long[] Same3x3 = [1, 1], Same1x1 = [0, 0];

    private readonly Device device;
    private readonly (Tensor Weights, Tensor Bias)[] tower;
    private readonly (Tensor Weights, Tensor Bias) policyConvolution, valueConvolution, policyDense, valueHidden, valueOutput;
    private readonly (Tensor Weights, Tensor Bias)? ownership, score;

    /// <summary>Each residual block's global pooling layer; null for a block that does not pool.</summary>
    private readonly (Tensor Weights, Tensor Bias)?[] pooling;
    private readonly List<Tensor> owned = [];

    /// <exception cref="TorchUnavailableException">libtorch or the device cannot be had.</exception>
    internal TorchPolicyValueNet(NetworkWeights weights, int threads, ModelDevice device)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, 256);
        Description = ModelDescription.Of(weights.Shape);
        Threads = threads;
        this.device = TorchRuntime.DeviceOf(device);
        TorchRuntime.UseThreads(threads);
        tower = [Folded(weights.InputConvolution), .. weights.Blocks.SelectMany(b => new[] { Folded(b.First), Folded(b.Second) })];
        policyConvolution = Folded(weights.PolicyConvolution);
        valueConvolution = Folded(weights.ValueConvolution);
        policyDense = Dense(weights.PolicyDense);
        valueHidden = Dense(weights.ValueHidden);
        valueOutput = Dense(weights.ValueOutput);
        pooling = weights.Blocks.Select(b => b.GlobalPooling is { } dense ? Dense(dense) : ((Tensor, Tensor)?)null).ToArray();
        if (weights.Ownership is null || weights.Score is null) return;
        // The ownership's 1×1 convolution as conv2d reads it: [1][F][1][1].
        ownership = (Owned(weights.Ownership.Weights, [1, weights.Shape.Filters, 1, 1]), Owned(weights.Ownership.Biases, [1]));
        score = Dense(weights.Score);
    }

    public ModelDescription Description { get; }

    public int Threads { get; }

    public void Forward(ReadOnlySpan<float> inputs, int batch, ModelOutputs outputs)
    {
        Description.CheckForward(inputs, batch, outputs);
        if (batch == 0) return;
        TorchRuntime.UseThreads(Threads);
        int size = Description.BoardSize;
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        var planes = empty(batch, NetworkShape.InputPlanes, size, size, ScalarType.Float32);
        planes.data<float>().CopyFrom(inputs, 0, 0);
        var h = relu(conv2d(planes.to(device), tower[0].Weights, tower[0].Bias, padding: Same3x3));
        for (int b = 1; b < tower.Length; b += 2)
        {
            var middle = conv2d(h, tower[b].Weights, tower[b].Bias, padding: Same3x3);
            middle = relu(pooling[b / 2] is var (poolingWeights, poolingBias)
                ? GlobalPoolingBias.Add(middle, poolingWeights, poolingBias, Description.Shape)
                : middle);
            h = relu(conv2d(middle, tower[b + 1].Weights, tower[b + 1].Bias, padding: Same3x3).add_(h));
        }
        var policyPlanes = relu(conv2d(h, policyConvolution.Weights, policyConvolution.Bias, padding: Same1x1)).flatten(1);
        var logits = linear(policyPlanes, policyDense.Weights, policyDense.Bias);
        var valuePlane = relu(conv2d(h, valueConvolution.Weights, valueConvolution.Bias, padding: Same1x1)).flatten(1);
        var hidden = relu(linear(valuePlane, valueHidden.Weights, valueHidden.Bias));
        var values = tanh(linear(hidden, valueOutput.Weights, valueOutput.Bias));
        logits.cpu().data<float>().CopyTo(outputs.Policy, 0, 0);
        values.cpu().data<float>().CopyTo(outputs.Value, 0, 0);
        if (!outputs.Ownership.IsEmpty && ownership is var (ownershipWeights, ownershipBias))
            tanh(conv2d(h, ownershipWeights, ownershipBias, padding: Same1x1)).cpu().data<float>().CopyTo(outputs.Ownership, 0, 0);
        if (!outputs.Score.IsEmpty && score is var (scoreWeights, scoreBias))
            (linear(hidden, scoreWeights, scoreBias) * NetworkShape.ScoreScale).cpu().data<float>().CopyTo(outputs.Score, 0, 0);
    }

    public void Dispose()
    {
        foreach (var tensor in owned) tensor.Dispose();
        owned.Clear();
    }

    /// <summary>Leela Zero's y = (conv(x) + bias − mean)·s as conv(x)·(w·s) + (bias − mean)·s.</summary>
    private (Tensor, Tensor) Folded(ConvolutionWeights convolution)
    {
        int perOutput = convolution.Inputs * convolution.Kernel * convolution.Kernel;
        var weights = new float[convolution.Weights.Length];
        var bias = new float[convolution.Outputs];
        for (int o = 0; o < convolution.Outputs; o++)
        {
            double scale = 1 / Math.Sqrt(convolution.Variances[o] + (double)ConvolutionWeights.BatchNormEpsilon);
            for (int i = o * perOutput; i < (o + 1) * perOutput; i++) weights[i] = (float)(convolution.Weights[i] * scale);
            bias[o] = (float)((convolution.Biases[o] - (double)convolution.Means[o]) * scale);
        }
        return (Owned(weights, [convolution.Outputs, convolution.Inputs, convolution.Kernel, convolution.Kernel]), Owned(bias, [convolution.Outputs]));
    }

    private (Tensor, Tensor) Dense(DenseWeights dense) =>
        (Owned(dense.Weights, [dense.Outputs, dense.Inputs]), Owned(dense.Biases, [dense.Outputs]));

    private Tensor Owned(float[] values, long[] shape)
    {
        var created = tensor(values, shape, ScalarType.Float32, device);
        owned.Add(created);
        return created;
    }
}
