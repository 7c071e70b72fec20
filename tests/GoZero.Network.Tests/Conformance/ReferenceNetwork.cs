namespace GoZero.Network.Tests.Conformance;

/// <summary>
/// The network's forward pass written as plainly as possible, in double: direct convolution loops, batch norm
/// unfolded exactly as leelazero-format.md §1 states it, y = (conv(x) + bias − mean) / √(var + 1e-5), dense layers as
/// loops. What every backend is checked against (<see cref="InferenceConformanceTests"/>).
/// </summary>
public static class ReferenceNetwork
{
    /// <param name="Ownership">tanh of the ownership head at every point; null without the auxiliary heads.</param>
    /// <param name="Score">The score head's points; NaN without the auxiliary heads.</param>
    public sealed record Output(double[] PolicyLogits, double Value, double[]? Ownership = null, double Score = double.NaN);

    /// <summary>One position: planes [18][N²], point index y·N + x.</summary>
    public static Output Forward(NetworkWeights weights, ReadOnlySpan<float> planes)
    {
        var shape = weights.Shape;
        int n = shape.BoardSize, area = shape.Area;
        var x = new double[NetworkShape.InputPlanes * area];
        for (int i = 0; i < x.Length; i++) x[i] = planes[i];

        var h = Relu(Convolve(weights.InputConvolution, x, n));
        foreach (var block in weights.Blocks)
        {
            var middle = Convolve(block.First, h, n);
            if (block.GlobalPooling is { } pooling) AddPooledBiases(pooling, shape, middle);
            middle = Relu(middle);
            var second = Convolve(block.Second, middle, n);
            for (int i = 0; i < second.Length; i++) second[i] += h[i];
            h = Relu(second);
        }

        // Flattened plane-major: c·N² + idx.
        var policyPlanes = Relu(Convolve(weights.PolicyConvolution, h, n));
        var logits = Dense(weights.PolicyDense, policyPlanes);

        var valuePlane = Relu(Convolve(weights.ValueConvolution, h, n));
        var hidden = Relu(Dense(weights.ValueHidden, valuePlane));
        double value = Math.Tanh(Dense(weights.ValueOutput, hidden)[0]);
        if (weights.Ownership is null || weights.Score is null) return new Output(logits, value);

        // Ownership: a 1×1 convolution with bias and no batch norm, tanh at every point; score: 20 × a second output
        // of the value head's hidden layer.
        var ownership = new double[area];
        for (int i = 0; i < area; i++)
        {
            double sum = weights.Ownership.Biases[0];
            for (int c = 0; c < shape.Filters; c++) sum += weights.Ownership.Weights[c] * h[c * area + i];
            ownership[i] = Math.Tanh(sum);
        }
        double score = NetworkShape.ScoreScale * Dense(weights.Score, hidden)[0];
        return new Output(logits, value, ownership, score);
    }

    /// <summary>
    /// KataGo's global pooling bias (Wu 2019, section 3.2), as NetworkShape states it: the last C channels of
    /// <paramref name="middle"/>, rectified, pooled to [mean, mean × (N − 14)/10, max]; a dense layer of those is
    /// added to each of the first F − C channels at every point, before the block's ReLU.
    /// </summary>
    private static void AddPooledBiases(DenseWeights pooling, NetworkShape shape, double[] middle)
    {
        int area = shape.Area, pooled = shape.GlobalPoolingChannels, regular = shape.Filters - pooled;
        var features = new double[3 * pooled];
        for (int c = 0; c < pooled; c++)
        {
            double sum = 0, max = 0;
            for (int i = 0; i < area; i++)
            {
                double v = Math.Max(0, middle[(regular + c) * area + i]);
                sum += v;
                max = Math.Max(max, v);
            }
            features[c] = sum / area;
            features[pooled + c] = sum / area * (Math.Sqrt(area) - 14) / 10;
            features[2 * pooled + c] = max;
        }
        var biases = Dense(pooling, features);
        for (int o = 0; o < regular; o++)
            for (int i = 0; i < area; i++) middle[o * area + i] += biases[o];
    }

    /// <summary>Cross-correlation with zero padding k/2, then batch norm: [out][N²] from [in][N²].</summary>
    private static double[] Convolve(ConvolutionWeights conv, double[] input, int n)
    {
        int k = conv.Kernel, pad = k / 2;
        var output = new double[conv.Outputs * n * n];
        for (int o = 0; o < conv.Outputs; o++)
        {
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    double sum = 0;
                    for (int c = 0; c < conv.Inputs; c++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                int sy = y + ky - pad, sx = x + kx - pad;
                                if (sy < 0 || sy >= n || sx < 0 || sx >= n) continue;
                                sum += conv.Weights[((o * conv.Inputs + c) * k + ky) * k + kx] * input[(c * n + sy) * n + sx];
                            }
                        }
                    }
                    output[(o * n + y) * n + x] =
                        (sum + conv.Biases[o] - conv.Means[o]) / Math.Sqrt(conv.Variances[o] + (double)ConvolutionWeights.BatchNormEpsilon);
                }
            }
        }
        return output;
    }

    private static double[] Dense(DenseWeights dense, double[] input)
    {
        var output = new double[dense.Outputs];
        for (int o = 0; o < dense.Outputs; o++)
        {
            double sum = dense.Biases[o];
            for (int i = 0; i < dense.Inputs; i++) sum += dense.Weights[o * dense.Inputs + i] * input[i];
            output[o] = sum;
        }
        return output;
    }

    private static double[] Relu(double[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Math.Max(0, values[i]);
        return values;
    }
}
