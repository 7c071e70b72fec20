using System.Collections.Concurrent;
using GoZero.Network.Simd.Kernels;

namespace GoZero.Network.Simd;

/// <summary>
/// The policy-value network's forward pass on the CPU (AlphaGo Zero's architecture in Leela Zero's exact semantics,
/// leelazero-format.md §1): 3×3 stem → batch norm → ReLU; residual blocks; policy head (1×1 conv to 2, BN, ReLU,
/// plane-major flatten, dense to N²+1 logits); value head (1×1 conv to 1, BN, ReLU, dense to 256, ReLU, dense to 1,
/// tanh); with <see cref="NetworkShape.AuxiliaryHeads"/> the ownership head (1×1 conv to 1 with bias, tanh at every
/// point) and the score head (a second output of the value head's hidden layer, × <see cref="NetworkShape.ScoreScale"/>);
/// with <see cref="NetworkShape.GlobalPooling"/>, KataGo's pooled biases in the pooling blocks (<see cref="GlobalPoolingLayer"/>).
/// Batch norms are folded into the convolutions at construction; the 3×3 convolutions use Winograd F(4×4, 3×3)
/// with register-blocked matrix products (<see cref="WinogradConvolution"/>).
/// </summary>
/// <remarks>
/// <para>The <see cref="ModelBackend.Simd"/> backend's inference model (built by <see cref="ModelFactory"/>).</para>
/// <para>Thread safety: <see cref="Forward"/> may be called from any number of threads at once. The weights are
/// read-only after construction; each call rents its own workspace (buffers and a team of <see cref="Threads"/>
/// threads) from a pool and returns it, so concurrent calls never share mutable state. A pool holds as many
/// workspaces as calls have ever run at the same time; each keeps <see cref="Threads"/> − 1 helper threads.</para>
/// <para>Results are deterministic: a position's outputs are bit for bit the same whatever batch it is part of,
/// where in it, and whatever the thread count (every output is one chain of multiply-adds in a fixed order).</para>
/// <para>Steady state allocates nothing: a workspace is only reallocated when a call brings a larger batch than it
/// has seen.</para>
/// <para>Dispose the network to stop its helper threads (they are background threads, so they do not keep a
/// process alive).</para>
/// </remarks>
public sealed unsafe partial class PolicyValueNet : IInferenceModel
{
    private readonly WinogradConvolution stem;
    private readonly WinogradConvolution[] tower;

    /// <summary>Each residual block's global pooling layer; null for a block that does not pool.</summary>
    private readonly GlobalPoolingLayer?[] pooling;
    private readonly int stride;
    private readonly AlignedBuffer policyConvolutionWeights;
    private readonly AlignedBuffer valueConvolutionWeights;
    private readonly float policyConvolutionBias0, policyConvolutionBias1, valueConvolutionBias;
    private readonly AlignedBuffer policyDenseWeights, policyDenseBiases;
    private readonly AlignedBuffer valueHiddenWeights, valueHiddenBiases;
    private readonly AlignedBuffer valueOutputWeights;
    private readonly float valueOutputBias;
    private readonly AlignedBuffer? ownershipWeights, scoreWeights;
    private readonly float ownershipBias, scoreBias;
    private readonly ConcurrentBag<Workspace> workspaces = [];
    private volatile bool disposed;

    public ModelDescription Description { get; }

    private NetworkShape Shape => Description.Shape;

    /// <summary>Threads each <see cref="Forward"/> call uses (the caller's own and helpers).</summary>
    public int Threads { get; }

    internal PolicyValueNet(NetworkWeights weights, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, 256);
        Description = ModelDescription.Of(weights.Shape);
        Threads = threads;
        int area = Shape.Area;

        stem = new WinogradConvolution(weights.InputConvolution, WinogradConvolution.InputPlaneStride);
        stride = stem.OutputStride;
        tower = weights.Blocks.SelectMany(block => new[]
        {
            new WinogradConvolution(block.First, stride, rectified: block.GlobalPooling is null),
            new WinogradConvolution(block.Second, stride),
        }).ToArray();
        pooling = weights.Blocks.Select(block => block.GlobalPooling is { } dense ? new GlobalPoolingLayer(dense, Shape) : null).ToArray();

        // The 1×1 head convolutions, batch norm folded as for the 3×3 ones; padded channels get zero weights.
        policyConvolutionWeights = new AlignedBuffer(2 * stride);
        var policy = weights.PolicyConvolution;
        Span<float> biases = stackalloc float[2];
        for (int o = 0; o < 2; o++)
        {
            double scale = FoldedScale(policy, o);
            for (int c = 0; c < policy.Inputs; c++) policyConvolutionWeights.Pointer[o * stride + c] = (float)(policy.Weights[o * policy.Inputs + c] * scale);
            biases[o] = (float)((policy.Biases[o] - (double)policy.Means[o]) * scale);
        }
        (policyConvolutionBias0, policyConvolutionBias1) = (biases[0], biases[1]);
        valueConvolutionWeights = new AlignedBuffer(stride);
        var value = weights.ValueConvolution;
        double valueScale = FoldedScale(value, 0);
        for (int c = 0; c < value.Inputs; c++) valueConvolutionWeights.Pointer[c] = (float)(value.Weights[c] * valueScale);
        valueConvolutionBias = (float)((value.Biases[0] - (double)value.Means[0]) * valueScale);

        policyDenseWeights = AlignedBuffer.From(weights.PolicyDense.Weights);
        policyDenseBiases = AlignedBuffer.From(weights.PolicyDense.Biases);
        valueHiddenWeights = AlignedBuffer.From(weights.ValueHidden.Weights);
        valueHiddenBiases = AlignedBuffer.From(weights.ValueHidden.Biases);
        valueOutputWeights = AlignedBuffer.From(weights.ValueOutput.Weights);
        valueOutputBias = weights.ValueOutput.Biases[0];
        if (weights.Ownership is { } ownership && weights.Score is { } score)
        {
            // Padded to the activations' stride like the other 1×1 convolutions.
            ownershipWeights = AlignedBuffer.From(ownership.Weights, stride);
            ownershipBias = ownership.Biases[0];
            scoreWeights = AlignedBuffer.From(score.Weights);
            scoreBias = score.Biases[0];
        }
        System.Diagnostics.Debug.Assert(weights.PolicyDense.Inputs == 2 * area && weights.ValueHidden.Inputs == area);
    }

    private static double FoldedScale(ConvolutionWeights convolution, int output) =>
        1.0 / Math.Sqrt(convolution.Variances[output] + (double)ConvolutionWeights.BatchNormEpsilon);

    /// <summary>
    /// Evaluates <paramref name="batch"/> positions: [batch][18][N²] input planes (leelazero-format.md §2, point index
    /// y·N + x) to the policy logits and the values (<see cref="ModelOutputs"/>).
    /// </summary>
    public void Forward(ReadOnlySpan<float> inputs, int batch, ModelOutputs outputs)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Description.CheckForward(inputs, batch, outputs);
        if (batch == 0) return;

        if (!workspaces.TryTake(out var workspace)) workspace = new Workspace(this, batch);
        try
        {
            workspace.Forward(inputs, batch, outputs);
        }
        finally
        {
            if (disposed) workspace.Dispose();
            else workspaces.Add(workspace);
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (workspaces.TryTake(out var workspace)) workspace.Dispose();
    }
}
