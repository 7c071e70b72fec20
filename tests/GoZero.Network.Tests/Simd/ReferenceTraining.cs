using GoZero.Network.Simd;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Simd;

/// <summary>
/// The training loss written as plainly as possible, in double: the network of <see cref="ReferenceNetwork"/> in
/// training mode — batch norm y = (z − μ_B) / √(σ²_B + 1e-5) + β with the batch's mean and biased variance over all
/// positions and points — and AlphaGo Zero's data loss, mean over the batch of w·(z − v)² − πᵀ log p (the policy term
/// only where the row has a policy target), and for a network with the auxiliary heads KataGo's ownership
/// cross-entropy (mean over the points) and the Huber loss of the score in units of 20 points, each weighted by its
/// row's flag and its option (<see cref="TrainingOptions"/>). Parameters are
/// named as <see cref="PolicyValueTrainer"/> names them, so that finite differences of this loss check the trainer's
/// gradients entry by entry.
/// </summary>
public static class ReferenceTraining
{
    public static Dictionary<string, double[]> Parameters(PolicyValueTrainer trainer) =>
        trainer.Parameters.ToDictionary(p => p.Name, p => p.Values.Select(v => (double)v).ToArray());

    /// <summary>The data loss (no c‖θ‖² term) of the first batch.Count positions; planes as [n][18][N²].</summary>
    public static double DataLoss(NetworkShape shape, IReadOnlyDictionary<string, double[]> p, double[] planes, TrainingBatch batch, double valueWeight = 1) =>
        DataLoss(shape, p, planes, batch, new TrainingOptions { ValueWeight = valueWeight });

    public static double DataLoss(NetworkShape shape, IReadOnlyDictionary<string, double[]> p, double[] planes, TrainingBatch batch, TrainingOptions options)
    {
        double valueWeight = options.ValueWeight;
        int n = batch.Count, size = shape.BoardSize, area = shape.Area, f = shape.Filters;
        var h = BatchNorm(Convolve3x3(planes, n, NetworkShape.InputPlanes, f, p["input.weights"], size), n, f, area, p["input.offsets"]);
        Relu(h);
        for (int b = 0; b < shape.Blocks; b++)
        {
            var middle = BatchNorm(Convolve3x3(h, n, f, f, p[$"block{b}.first.weights"], size), n, f, area, p[$"block{b}.first.offsets"]);
            if (shape.PoolsIn(b)) AddPooledBiases(shape, middle, n, p[$"block{b}.pooling.weights"], p[$"block{b}.pooling.biases"]);
            Relu(middle);
            var second = BatchNorm(Convolve3x3(middle, n, f, f, p[$"block{b}.second.weights"], size), n, f, area, p[$"block{b}.second.offsets"]);
            for (int i = 0; i < second.Length; i++) second[i] += h[i];
            Relu(second);
            h = second;
        }
        var policyPlanes = BatchNorm(Convolve1x1(h, n, f, 2, p["policy.convolution.weights"], area), n, 2, area, p["policy.convolution.offsets"]);
        Relu(policyPlanes);
        var valuePlane = BatchNorm(Convolve1x1(h, n, f, 1, p["value.convolution.weights"], area), n, 1, area, p["value.convolution.offsets"]);
        Relu(valuePlane);

        double loss = 0;
        int policySize = shape.PolicySize;
        for (int s = 0; s < n; s++)
        {
            var logits = Dense(p["policy.dense.weights"], p["policy.dense.biases"], policyPlanes.AsSpan(s * 2 * area, 2 * area));
            double max = logits.Max(), sum = logits.Sum(l => Math.Exp(l - max)), logSum = Math.Log(sum);
            for (int o = 0; o < policySize; o++) loss -= batch.HasPolicy[s] * batch.Policy[s * policySize + o] * (logits[o] - max - logSum);
            var hidden = Dense(p["value.hidden.weights"], p["value.hidden.biases"], valuePlane.AsSpan(s * area, area));
            Relu(hidden);
            double v = Math.Tanh(Dense(p["value.output.weights"], p["value.output.biases"], hidden)[0]);
            loss += valueWeight * (batch.Value[s] - v) * (batch.Value[s] - v);
            if (!shape.AuxiliaryHeads) continue;

            double crossEntropy = 0;
            for (int i = 0; i < area; i++)
            {
                double u = p["ownership.biases"][0];
                for (int c = 0; c < f; c++) u += p["ownership.weights"][c] * h[(s * f + c) * area + i];
                double predicted = (1 + Math.Tanh(u)) / 2, target = (1 + batch.Ownership[s * area + i]) / 2.0;
                crossEntropy -= target * Math.Log(predicted) + (1 - target) * Math.Log(1 - predicted);
            }
            loss += options.OwnershipWeight * batch.HasOwnership[s] * crossEntropy / area;
            double points = NetworkShape.ScoreScale * Dense(p["score.weights"], p["score.biases"], hidden)[0];
            double error = Math.Abs(points - batch.Score[s]) / NetworkShape.ScoreScale;
            loss += options.ScoreWeight * batch.HasScore[s] * (error <= 1 ? error * error / 2 : error - 0.5);
        }
        return loss / n;
    }

    private static double[] Convolve3x3(double[] input, int n, int inputs, int outputs, double[] w, int size)
    {
        int area = size * size;
        var output = new double[n * outputs * area];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                    {
                        double sum = 0;
                        for (int c = 0; c < inputs; c++)
                            for (int ky = 0; ky < 3; ky++)
                                for (int kx = 0; kx < 3; kx++)
                                {
                                    int sy = y + ky - 1, sx = x + kx - 1;
                                    if (sy < 0 || sy >= size || sx < 0 || sx >= size) continue;
                                    sum += w[((o * inputs + c) * 3 + ky) * 3 + kx] * input[(s * inputs + c) * area + sy * size + sx];
                                }
                        output[(s * outputs + o) * area + y * size + x] = sum;
                    }
        return output;
    }

    private static double[] Convolve1x1(double[] input, int n, int inputs, int outputs, double[] w, int area)
    {
        var output = new double[n * outputs * area];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < outputs; o++)
                for (int i = 0; i < area; i++)
                {
                    double sum = 0;
                    for (int c = 0; c < inputs; c++) sum += w[o * inputs + c] * input[(s * inputs + c) * area + i];
                    output[(s * outputs + o) * area + i] = sum;
                }
        return output;
    }

    private static double[] BatchNorm(double[] z, int n, int channels, int area, double[] offsets)
    {
        for (int c = 0; c < channels; c++)
        {
            double mean = 0, variance = 0;
            for (int s = 0; s < n; s++)
                for (int i = 0; i < area; i++) mean += z[(s * channels + c) * area + i];
            mean /= n * area;
            for (int s = 0; s < n; s++)
                for (int i = 0; i < area; i++) variance += Math.Pow(z[(s * channels + c) * area + i] - mean, 2);
            variance /= n * area;
            double scale = 1 / Math.Sqrt(variance + (double)ConvolutionWeights.BatchNormEpsilon);
            for (int s = 0; s < n; s++)
                for (int i = 0; i < area; i++)
                {
                    ref double value = ref z[(s * channels + c) * area + i];
                    value = (value - mean) * scale + offsets[c];
                }
        }
        return z;
    }

    /// <summary>KataGo's global pooling bias (NetworkShape's summary) on [n][F][N²] activations after batch norm.</summary>
    private static void AddPooledBiases(NetworkShape shape, double[] middle, int n, double[] w, double[] biases)
    {
        int area = shape.Area, f = shape.Filters, pooled = shape.GlobalPoolingChannels, regular = f - pooled;
        for (int i = 0; i < n; i++)
        {
            var features = new double[3 * pooled];
            for (int c = 0; c < pooled; c++)
            {
                double sum = 0, max = 0;
                for (int point = 0; point < area; point++)
                {
                    double v = Math.Max(0, middle[(i * f + regular + c) * area + point]);
                    sum += v;
                    max = Math.Max(max, v);
                }
                features[c] = sum / area;
                features[pooled + c] = sum / area * (shape.BoardSize - 14) / 10.0;
                features[2 * pooled + c] = max;
            }
            var bias = Dense(w, biases, features);
            for (int o = 0; o < regular; o++)
                for (int point = 0; point < area; point++) middle[(i * f + o) * area + point] += bias[o];
        }
    }

    private static double[] Dense(double[] w, double[] biases, ReadOnlySpan<double> input)
    {
        var output = new double[biases.Length];
        for (int o = 0; o < output.Length; o++)
        {
            double sum = biases[o];
            for (int i = 0; i < input.Length; i++) sum += w[o * input.Length + i] * input[i];
            output[o] = sum;
        }
        return output;
    }

    private static void Relu(double[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Math.Max(0, values[i]);
    }
}
