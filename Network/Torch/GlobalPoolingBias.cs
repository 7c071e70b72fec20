using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GoZero.Network.Torch;

/// <summary>
/// KataGo's global pooling bias (Wu 2019, "Accelerating Self-Play Learning in Go", section 3.2) on libtorch, for
/// inference and (through autograd) training alike: the last C channels of a pooling block's first convolution
/// (after its batch norm), rectified, pooled to [mean, mean × (N − 14)/10, max] per board, a linear layer of those
/// added to each of the first F − C channels at every point. Returns all F channels, unrectified where they got the
/// bias; the caller applies the block's ReLU.
/// </summary>
internal static class GlobalPoolingBias
{
    private static readonly long[] Points = [2, 3];

    public static Tensor Add(Tensor middle, Tensor weights, Tensor biases, NetworkShape shape)
    {
        int regular = shape.Filters - shape.GlobalPoolingChannels;
        var (first, pooled) = (middle[.., ..regular], relu(middle[.., regular..]));
        var mean = pooled.mean(Points);
        var features = cat([mean, mean * shape.PoolingSizeScale, pooled.amax(Points)], 1);
        var bias = linear(features, weights, biases);
        return cat([first + bias.view(bias.shape[0], regular, 1, 1), pooled], 1);
    }
}
