using System.Runtime.Intrinsics;
using GoZero.Network.Simd.Kernels;
using GoZero.Network.Training;

namespace GoZero.Network.Simd;

public sealed unsafe partial class PolicyValueTrainer
{
    // Rows of a dense layer's weight gradient per unit of work.
    private const int DenseRows = 8;

    // Head channels: 0 and 1 the policy's, 2 the value's.
    private const int HeadChannels = 3;

    // Rows of a board's 1×1 weight-gradient partials: the head channels', then the ownership's.
    private const int PartialRows = HeadChannels + 1;

    // Loss terms per board: policy, value, ownership, score.
    private const int LossTerms = 4;

    private Action<int, int> headConvolveStep = null!, headOutputStep = null!, policyDenseGradientStep = null!, valueHiddenGradientStep = null!;
    private Action<int, int> headInputGradientStep = null!, headConvolutionGradientStep = null!;
    private float* towerOutput, towerGradient;

    private void CreateHeadSteps()
    {
        headConvolveStep = (_, board) => HeadConvolve(board);
        headOutputStep = (_, board) => HeadOutput(board);
        policyDenseGradientStep = (_, unit) => DenseWeightGradient(heads.PolicyDenseWeights, heads.PolicyDenseBiases, heads.LogitGradients.Pointer, heads.PolicyInputs.Pointer, unit);
        valueHiddenGradientStep = (_, unit) => DenseWeightGradient(heads.ValueHiddenWeights, heads.ValueHiddenBiases, heads.HiddenGradients.Pointer, heads.ValueInputs.Pointer, unit);
        headInputGradientStep = (_, board) => HeadInputGradient(board);
        headConvolutionGradientStep = (_, board) => HeadConvolutionGradient(board);
    }

    /// <summary>Policy and value heads, the outputs and the loss; returns the loss terms.</summary>
    private TrainingLoss HeadsForward(float* tower)
    {
        towerOutput = tower;
        team.Run(headConvolveStep, count);
        if (training)
        {
            for (int c = 0; c < HeadChannels; c++)
            {
                // Chan et al.'s pairwise merge of the boards' means and squared deviations, in board order.
                double n = 0, mean = 0, squares = 0;
                for (int b = 0; b < count; b++)
                {
                    double meanBoard = heads.BoardStatistics[b * 2 * HeadChannels + c], delta = meanBoard - mean, total = n + area;
                    mean += delta * area / total;
                    squares += heads.BoardStatistics[b * 2 * HeadChannels + HeadChannels + c] + delta * delta * n * area / total;
                    n = total;
                }
                double variance = squares / n;
                heads.Means[c] = (float)mean;
                heads.Scales[c] = (float)(1 / Math.Sqrt(variance + ConvolutionWeights.BatchNormEpsilon));
                heads.BatchMeans[c] = mean;
                heads.BatchVariances[c] = variance;
            }
        }
        else
        {
            for (int c = 0; c < HeadChannels; c++)
            {
                heads.Means[c] = heads.RunningMeans[c];
                heads.Scales[c] = (float)(1 / Math.Sqrt(heads.RunningVariances[c] + (double)ConvolutionWeights.BatchNormEpsilon));
            }
        }
        team.Run(headOutputStep, count);
        double policy = 0, value = 0, ownership = 0, score = 0;
        for (int b = 0; b < count; b++)
        {
            policy += heads.Losses[LossTerms * b];
            value += heads.Losses[LossTerms * b + 1];
            ownership += heads.Losses[LossTerms * b + 2];
            score += heads.Losses[LossTerms * b + 3];
        }
        double squaredNorm = 0;
        foreach (var parameter in parameters) squaredNorm += parameter.SquaredNorm();
        if (!heads.Auxiliary) return new TrainingLoss(value / count, policy / count, options.WeightDecay * squaredNorm, options.ValueWeight);
        return new TrainingLoss(value / count, policy / count, options.WeightDecay * squaredNorm, options.ValueWeight,
            ownership / count, score / count, options.OwnershipWeight, options.ScoreWeight);
    }

    /// <summary>The 1×1 head convolutions of one board, raw (the ownership's with its bias), and the board's
    /// per-channel mean and squared deviations.</summary>
    private void HeadConvolve(int board)
    {
        float* activations = towerOutput + (nint)board * pixelsPerBoard * stride;
        float* raw = heads.Normalized.Pointer + (nint)board * HeadChannels * area;
        float* weights = heads.ConvolutionWeights.Pointer;
        float* ownership = heads.OwnershipLogits.Pointer + (nint)board * area;
        float* ownershipWeights = heads.OwnershipConvolutionWeights.Pointer;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float* pixel = activations + PixelOf(y, x) * stride;
                int point = y * size + x;
                for (int c = 0; c < HeadChannels; c++) raw[c * area + point] = VectorMath.Dot(pixel, weights + c * stride, stride);
                if (heads.Auxiliary) ownership[point] = VectorMath.Dot(pixel, ownershipWeights, stride) + heads.OwnershipBiases!.Values[0];
            }
        if (!training) return;
        for (int c = 0; c < HeadChannels; c++)
        {
            double sum = 0;
            for (int i = 0; i < area; i++) sum += raw[c * area + i];
            double mean = sum / area, squares = 0;
            for (int i = 0; i < area; i++) squares += (raw[c * area + i] - mean) * (raw[c * area + i] - mean);
            heads.BoardStatistics[board * 2 * HeadChannels + c] = mean;
            heads.BoardStatistics[board * 2 * HeadChannels + HeadChannels + c] = squares;
        }
    }

    /// <summary>
    /// One board's batch norm and ReLU of the head planes, the dense layers, the loss terms and their gradients with
    /// respect to the logits (p·Σπ − π, from the softmax cross-entropy, times the row's policy flag) and the value
    /// (2(v − z)(1 − v²) through tanh), all divided by the batch size since the loss is a mean; then the ownership and
    /// score terms where the network has those heads (<see cref="AuxiliaryOutput"/>).
    /// </summary>
    private void HeadOutput(int board)
    {
        int policySize = Shape.PolicySize;
        float* normalized = heads.Normalized.Pointer + (nint)board * HeadChannels * area;
        float* policyInputs = heads.PolicyInputs.Pointer + (nint)board * 2 * area;
        float* valueInputs = heads.ValueInputs.Pointer + (nint)board * area;
        for (int c = 0; c < HeadChannels; c++)
        {
            float mean = heads.Means[c], scale = heads.Scales[c], offset = heads.Offset(c);
            float* planeOut = c < 2 ? policyInputs + c * area : valueInputs;
            for (int i = 0; i < area; i++)
            {
                float value = (normalized[c * area + i] - mean) * scale;
                normalized[c * area + i] = value;
                planeOut[i] = Math.Max(0f, value + offset);
            }
        }

        float* logits = heads.Logits.Pointer + (nint)board * policySize;
        float* policyWeights = heads.PolicyDenseWeights.ValuesPointer, policyBiases = heads.PolicyDenseBiases.ValuesPointer;
        for (int o = 0; o < policySize; o++) logits[o] = policyBiases[o] + VectorMath.Dot(policyWeights + (nint)o * 2 * area, policyInputs, 2 * area);
        float* hidden = heads.Hidden.Pointer + (nint)board * NetworkShape.ValueHidden;
        float* hiddenWeights = heads.ValueHiddenWeights.ValuesPointer, hiddenBiases = heads.ValueHiddenBiases.ValuesPointer;
        for (int h = 0; h < NetworkShape.ValueHidden; h++) hidden[h] = Math.Max(0f, hiddenBiases[h] + VectorMath.Dot(hiddenWeights + (nint)h * area, valueInputs, area));
        float* outputWeights = heads.ValueOutputWeights.ValuesPointer;
        float v = MathF.Tanh(heads.ValueOutputBiases.Values[0] + VectorMath.Dot(outputWeights, hidden, NetworkShape.ValueHidden));
        heads.Values.Pointer[board] = v;

        // −πᵀ log p with log p = logit − max − log Σ exp(logit − max).
        var targets = new ReadOnlySpan<float>(batch.Policy, board * policySize, policySize);
        float max = float.NegativeInfinity;
        for (int o = 0; o < policySize; o++) max = Math.Max(max, logits[o]);
        double sum = 0, targetSum = 0;
        for (int o = 0; o < policySize; o++)
        {
            sum += Math.Exp(logits[o] - max);
            targetSum += targets[o];
        }
        double logSum = Math.Log(sum), crossEntropy = 0, inverseCount = 1.0 / count;
        // A row whose π only moved its game on (KataGo's playout cap randomisation) gives no policy loss.
        double policyWeight = batch.HasPolicy[board] * inverseCount;
        float* logitGradients = heads.LogitGradients.Pointer + (nint)board * policySize;
        for (int o = 0; o < policySize; o++)
        {
            double logProbability = logits[o] - max - logSum;
            crossEntropy -= targets[o] * logProbability;
            logitGradients[o] = (float)((Math.Exp(logProbability) * targetSum - targets[o]) * policyWeight);
        }
        double error = v - batch.Value[board];
        heads.Losses[LossTerms * board] = batch.HasPolicy[board] * crossEntropy;
        heads.Losses[LossTerms * board + 1] = error * error;
        float valueGradient = (float)(options.ValueWeight * 2 * error * (1 - (double)v * v) * inverseCount);
        heads.ValueGradients.Pointer[board] = valueGradient;
        float scoreGradient = heads.Auxiliary ? AuxiliaryOutput(board, hidden) : 0f;
        float* hiddenGradients = heads.HiddenGradients.Pointer + (nint)board * NetworkShape.ValueHidden;
        if (!heads.Auxiliary)
        {
            for (int h = 0; h < NetworkShape.ValueHidden; h++) hiddenGradients[h] = hidden[h] > 0 ? valueGradient * outputWeights[h] : 0f;
            return;
        }
        float* scoreWeights = heads.ScoreWeights!.ValuesPointer;
        for (int h = 0; h < NetworkShape.ValueHidden; h++)
            hiddenGradients[h] = hidden[h] > 0 ? valueGradient * outputWeights[h] + scoreGradient * scoreWeights[h] : 0f;
    }

    /// <summary>
    /// One board's ownership and score (KataGo, Wu 2019 section 4.1), their loss terms, and the ownership logits'
    /// gradients; returns the gradient with respect to the score layer's raw output. Ownership o = tanh(u) at each
    /// point, so that (1 + o)/2 = σ(2u) and the cross-entropy against (1 + t)/2 is p·softplus(−2u) + (1 − p)·softplus(2u)
    /// with gradient o − t in u; the term is the mean over the points. Score s = 20·r (<see cref="NetworkShape.ScoreScale"/>);
    /// the term is Huber (δ = 1) of r − target/20, gradient the error clipped to [−1, 1].
    /// </summary>
    private float AuxiliaryOutput(int board, float* hidden)
    {
        double inverseCount = 1.0 / count;
        float* ownershipLogits = heads.OwnershipLogits.Pointer + (nint)board * area;
        float* ownership = heads.Ownership.Pointer + (nint)board * area;
        float* ownershipGradients = heads.OwnershipGradients.Pointer + (nint)board * area;
        var targets = new ReadOnlySpan<float>(batch.Ownership, board * area, area);
        float hasOwnership = batch.HasOwnership[board];
        float pointGradient = (float)(options.OwnershipWeight * hasOwnership * inverseCount / area);
        double crossEntropy = 0;
        for (int i = 0; i < area; i++)
        {
            double u = ownershipLogits[i], p = (1 + targets[i]) / 2.0;
            float o = MathF.Tanh(ownershipLogits[i]);
            ownership[i] = o;
            crossEntropy += p * Softplus(-2 * u) + (1 - p) * Softplus(2 * u);
            ownershipGradients[i] = pointGradient * (o - targets[i]);
        }
        heads.Losses[LossTerms * board + 2] = hasOwnership * crossEntropy / area;

        float raw = heads.ScoreBiases!.Values[0] + VectorMath.Dot(heads.ScoreWeights!.ValuesPointer, hidden, NetworkShape.ValueHidden);
        heads.Scores.Pointer[board] = NetworkShape.ScoreScale * raw;
        double scoreError = raw - (double)batch.Score[board] / NetworkShape.ScoreScale, hasScore = batch.HasScore[board];
        double huber = Math.Abs(scoreError) <= 1 ? 0.5 * scoreError * scoreError : Math.Abs(scoreError) - 0.5;
        heads.Losses[LossTerms * board + 3] = hasScore * huber;
        float scoreGradient = (float)(options.ScoreWeight * hasScore * Math.Clamp(scoreError, -1, 1) * inverseCount);
        heads.ScoreGradients.Pointer[board] = scoreGradient;
        return scoreGradient;
    }

    /// <summary>log(1 + eˣ), without overflow for large x.</summary>
    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>Backward through the heads: dense weight gradients, head batch norms and 1×1 convolutions; writes
    /// dL/d(tower output) to <paramref name="target"/>.</summary>
    private void HeadsBackward(float* tower, float* target)
    {
        towerOutput = tower;
        towerGradient = target;
        team.Run(policyDenseGradientStep, (Shape.PolicySize + DenseRows - 1) / DenseRows);
        team.Run(valueHiddenGradientStep, NetworkShape.ValueHidden / DenseRows);
        float outputBias = 0;
        for (int h = 0; h < NetworkShape.ValueHidden; h++)
        {
            float sum = 0;
            for (int b = 0; b < count; b++) sum += heads.ValueGradients.Pointer[b] * heads.Hidden.Pointer[(nint)b * NetworkShape.ValueHidden + h];
            heads.ValueOutputWeights.Gradient[h] = sum;
        }
        for (int b = 0; b < count; b++) outputBias += heads.ValueGradients.Pointer[b];
        heads.ValueOutputBiases.Gradient[0] = outputBias;
        if (heads.Auxiliary) ScoreWeightGradient();

        team.Run(headInputGradientStep, count);
        double n = (double)count * area;
        for (int c = 0; c < HeadChannels; c++)
        {
            double sum = 0, product = 0;
            for (int b = 0; b < count; b++)
            {
                sum += heads.BoardStatistics[b * 2 * HeadChannels + c];
                product += heads.BoardStatistics[b * 2 * HeadChannels + HeadChannels + c];
            }
            heads.OffsetGradient(c) = (float)sum;
            heads.GradientMeans[c] = (float)(sum / n);
            heads.GradientCorrelations[c] = (float)(product / n);
        }
        team.Run(headConvolutionGradientStep, count);
        int filters = Shape.Filters;
        for (int c = 0; c < (heads.Auxiliary ? PartialRows : HeadChannels); c++)
        {
            float[] gradient = c < 2 ? heads.PolicyConvolutionWeights.Gradient : c == 2 ? heads.ValueConvolutionWeights.Gradient : heads.OwnershipWeights!.Gradient;
            int row = c < 2 ? c : 0;
            for (int i = 0; i < filters; i++)
            {
                float sum = 0;
                for (int b = 0; b < count; b++) sum += heads.WeightPartials.Pointer[((nint)b * PartialRows + c) * stride + i];
                gradient[row * filters + i] = sum;
            }
        }
        if (!heads.Auxiliary) return;
        float ownershipBias = 0;
        for (int b = 0; b < count; b++)
        {
            float* gradients = heads.OwnershipGradients.Pointer + (nint)b * area;
            for (int i = 0; i < area; i++) ownershipBias += gradients[i];
        }
        heads.OwnershipBiases!.Gradient[0] = ownershipBias;
    }

    /// <summary>The score layer's gradient: dW[h] = Σ_b g[b]·hidden[b][h], db = Σ_b g[b].</summary>
    private void ScoreWeightGradient()
    {
        for (int h = 0; h < NetworkShape.ValueHidden; h++)
        {
            float sum = 0;
            for (int b = 0; b < count; b++) sum += heads.ScoreGradients.Pointer[b] * heads.Hidden.Pointer[(nint)b * NetworkShape.ValueHidden + h];
            heads.ScoreWeights!.Gradient[h] = sum;
        }
        float bias = 0;
        for (int b = 0; b < count; b++) bias += heads.ScoreGradients.Pointer[b];
        heads.ScoreBiases!.Gradient[0] = bias;
    }

    /// <summary>Rows [8·unit, 8·unit + 8) of a dense layer's gradient: dW[o] = Σ_b g[b][o]·x[b], db[o] = Σ_b g[b][o].</summary>
    private void DenseWeightGradient(TrainableTensor weights, TrainableTensor biases, float* outputGradients, float* inputs, int unit)
    {
        int outputs = biases.Length, inputCount = weights.Length / outputs;
        for (int o = unit * DenseRows; o < Math.Min(outputs, (unit + 1) * DenseRows); o++)
        {
            float* row = weights.GradientPointer + (nint)o * inputCount;
            new Span<float>(row, inputCount).Clear();
            float bias = 0;
            for (int b = 0; b < count; b++)
            {
                float g = outputGradients[(nint)b * outputs + o];
                bias += g;
                if (g != 0) VectorMath.MultiplyAdd(inputs + (nint)b * inputCount, g, row, inputCount);
            }
            biases.Gradient[o] = bias;
        }
    }

    /// <summary>
    /// One board: the gradients of the head planes (through the dense layers and the ReLUs), and their Σ dY and
    /// Σ dY·x̂ per channel for batch norm's backward pass.
    /// </summary>
    private void HeadInputGradient(int board)
    {
        int policySize = Shape.PolicySize;
        float* policyGradient = heads.PolicyInputGradients.Pointer + (nint)board * 2 * area;
        float* valueGradient = heads.ValueInputGradients.Pointer + (nint)board * area;
        new Span<float>(policyGradient, 2 * area).Clear();
        new Span<float>(valueGradient, area).Clear();
        float* logitGradients = heads.LogitGradients.Pointer + (nint)board * policySize;
        for (int o = 0; o < policySize; o++)
            VectorMath.MultiplyAdd(heads.PolicyDenseWeights.ValuesPointer + (nint)o * 2 * area, logitGradients[o], policyGradient, 2 * area);
        float* hiddenGradients = heads.HiddenGradients.Pointer + (nint)board * NetworkShape.ValueHidden;
        for (int h = 0; h < NetworkShape.ValueHidden; h++)
            if (hiddenGradients[h] != 0) VectorMath.MultiplyAdd(heads.ValueHiddenWeights.ValuesPointer + (nint)h * area, hiddenGradients[h], valueGradient, area);

        float* normalized = heads.Normalized.Pointer + (nint)board * HeadChannels * area;
        for (int c = 0; c < HeadChannels; c++)
        {
            float* planeGradient = c < 2 ? policyGradient + c * area : valueGradient;
            float* planeOutput = c < 2 ? heads.PolicyInputs.Pointer + (nint)board * 2 * area + c * area : heads.ValueInputs.Pointer + (nint)board * area;
            double sum = 0, product = 0;
            for (int i = 0; i < area; i++)
            {
                float dy = planeOutput[i] > 0 ? planeGradient[i] : 0f;
                planeGradient[i] = dy;
                sum += dy;
                product += dy * normalized[c * area + i];
            }
            heads.BoardStatistics[board * 2 * HeadChannels + c] = sum;
            heads.BoardStatistics[board * 2 * HeadChannels + HeadChannels + c] = product;
        }
    }

    /// <summary>
    /// One board: dZ of the head convolutions, their weight gradient's share (summed over boards afterwards, in
    /// order) and the tower output's gradient Σ_c dZ_c·w_c at every point, the ownership's among them where the
    /// network has it.
    /// </summary>
    private void HeadConvolutionGradient(int board)
    {
        float* policyGradient = heads.PolicyInputGradients.Pointer + (nint)board * 2 * area;
        float* valueGradient = heads.ValueInputGradients.Pointer + (nint)board * area;
        float* normalized = heads.Normalized.Pointer + (nint)board * HeadChannels * area;
        float* partials = heads.WeightPartials.Pointer + (nint)board * PartialRows * stride;
        new Span<float>(partials, PartialRows * stride).Clear();
        float* weights = heads.ConvolutionWeights.Pointer;
        float* ownershipGradients = heads.OwnershipGradients.Pointer + (nint)board * area;
        float* ownershipWeights = heads.OwnershipConvolutionWeights.Pointer;
        float* activations = towerOutput + (nint)board * pixelsPerBoard * stride;
        float* gradients = towerGradient + (nint)board * pixelsPerBoard * stride;
        Span<float> dz = stackalloc float[HeadChannels];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int point = y * size + x;
                for (int c = 0; c < HeadChannels; c++)
                {
                    float dy = c < 2 ? policyGradient[c * area + point] : valueGradient[point];
                    dz[c] = heads.Scales[c] * (dy - heads.GradientMeans[c] - normalized[c * area + point] * heads.GradientCorrelations[c]);
                }
                float* pixel = activations + PixelOf(y, x) * stride;
                float* pixelGradient = gradients + PixelOf(y, x) * stride;
                var d0 = Vector256.Create(dz[0]);
                var d1 = Vector256.Create(dz[1]);
                var d2 = Vector256.Create(dz[2]);
                for (int i = 0; i < stride; i += 8)
                {
                    var a = Vector256.Load(pixel + i);
                    (Vector256.Load(partials + i) + d0 * a).Store(partials + i);
                    (Vector256.Load(partials + stride + i) + d1 * a).Store(partials + stride + i);
                    (Vector256.Load(partials + 2 * stride + i) + d2 * a).Store(partials + 2 * stride + i);
                    (d0 * Vector256.Load(weights + i) + d1 * Vector256.Load(weights + stride + i) + d2 * Vector256.Load(weights + 2 * stride + i)).Store(pixelGradient + i);
                }
                if (!heads.Auxiliary) continue;
                var d3 = Vector256.Create(ownershipGradients[y * size + x]);
                for (int i = 0; i < stride; i += 8)
                {
                    (Vector256.Load(partials + 3 * stride + i) + d3 * Vector256.Load(pixel + i)).Store(partials + 3 * stride + i);
                    (Vector256.Load(pixelGradient + i) + d3 * Vector256.Load(ownershipWeights + i)).Store(pixelGradient + i);
                }
            }
    }

    /// <summary>The policy head (1×1 convolution to 2, batch norm, ReLU, dense to N²+1) and the value head (1×1
    /// convolution to 1, batch norm, ReLU, dense to 256, ReLU, dense to 1, tanh): parameters and buffers.</summary>
    private sealed class HeadLayers
    {
        public HeadLayers(NetworkWeights weights, int stride, IReadOnlyDictionary<string, float[]> exact)
        {
            this.stride = stride;
            PolicyConvolutionWeights = new TrainableTensor("policy.convolution.weights", weights.PolicyConvolution.Weights);
            PolicyConvolutionOffsets = new TrainableTensor("policy.convolution.offsets", TrainerCheckpoint.OffsetsOf(weights.PolicyConvolution, exact, "policy.convolution.offsets"));
            ValueConvolutionWeights = new TrainableTensor("value.convolution.weights", weights.ValueConvolution.Weights);
            ValueConvolutionOffsets = new TrainableTensor("value.convolution.offsets", TrainerCheckpoint.OffsetsOf(weights.ValueConvolution, exact, "value.convolution.offsets"));
            PolicyDenseWeights = new TrainableTensor("policy.dense.weights", weights.PolicyDense.Weights);
            PolicyDenseBiases = new TrainableTensor("policy.dense.biases", weights.PolicyDense.Biases);
            ValueHiddenWeights = new TrainableTensor("value.hidden.weights", weights.ValueHidden.Weights);
            ValueHiddenBiases = new TrainableTensor("value.hidden.biases", weights.ValueHidden.Biases);
            ValueOutputWeights = new TrainableTensor("value.output.weights", weights.ValueOutput.Weights);
            ValueOutputBiases = new TrainableTensor("value.output.biases", weights.ValueOutput.Biases);
            if (weights.Ownership is { } ownership && weights.Score is { } score)
            {
                OwnershipWeights = new TrainableTensor("ownership.weights", ownership.Weights);
                OwnershipBiases = new TrainableTensor("ownership.biases", ownership.Biases);
                ScoreWeights = new TrainableTensor("score.weights", score.Weights);
                ScoreBiases = new TrainableTensor("score.biases", score.Biases);
            }
            OwnershipConvolutionWeights = new AlignedBuffer(stride);
            RunningMeans = [weights.PolicyConvolution.Means[0], weights.PolicyConvolution.Means[1], weights.ValueConvolution.Means[0]];
            RunningVariances = [weights.PolicyConvolution.Variances[0], weights.PolicyConvolution.Variances[1], weights.ValueConvolution.Variances[0]];
            ConvolutionWeights = new AlignedBuffer(HeadChannels * stride);
        }

        private readonly int stride;

        public TrainableTensor PolicyConvolutionWeights { get; }
        public TrainableTensor PolicyConvolutionOffsets { get; }
        public TrainableTensor ValueConvolutionWeights { get; }
        public TrainableTensor ValueConvolutionOffsets { get; }
        public TrainableTensor PolicyDenseWeights { get; }
        public TrainableTensor PolicyDenseBiases { get; }
        public TrainableTensor ValueHiddenWeights { get; }
        public TrainableTensor ValueHiddenBiases { get; }
        public TrainableTensor ValueOutputWeights { get; }
        public TrainableTensor ValueOutputBiases { get; }

        /// <summary>The ownership head's 1×1 convolution and the score layer; null without the auxiliary heads.</summary>
        public TrainableTensor? OwnershipWeights { get; }
        public TrainableTensor? OwnershipBiases { get; }
        public TrainableTensor? ScoreWeights { get; }
        public TrainableTensor? ScoreBiases { get; }

        /// <summary>Whether the network has the ownership and score heads.</summary>
        public bool Auxiliary => OwnershipWeights is not null;

        /// <summary>In <see cref="TrainerCheckpoint"/>'s order.</summary>
        public TrainableTensor[] Parameters => OwnershipWeights is null
            ? [
                PolicyConvolutionWeights, PolicyConvolutionOffsets, PolicyDenseWeights, PolicyDenseBiases,
                ValueConvolutionWeights, ValueConvolutionOffsets, ValueHiddenWeights, ValueHiddenBiases, ValueOutputWeights, ValueOutputBiases,
            ]
            : [
                PolicyConvolutionWeights, PolicyConvolutionOffsets, PolicyDenseWeights, PolicyDenseBiases,
                ValueConvolutionWeights, ValueConvolutionOffsets, ValueHiddenWeights, ValueHiddenBiases, ValueOutputWeights, ValueOutputBiases,
                OwnershipWeights, OwnershipBiases!, ScoreWeights!, ScoreBiases!,
            ];

        public float[] RunningMeans { get; }
        public float[] RunningVariances { get; }
        public double[] BatchMeans { get; } = new double[HeadChannels];
        public double[] BatchVariances { get; } = new double[HeadChannels];
        public float[] Means { get; } = new float[HeadChannels];
        public float[] Scales { get; } = new float[HeadChannels];
        public float[] GradientMeans { get; } = new float[HeadChannels];
        public float[] GradientCorrelations { get; } = new float[HeadChannels];

        /// <summary>The three 1×1 convolutions' weights, each padded to the activations' stride.</summary>
        public AlignedBuffer ConvolutionWeights { get; }

        /// <summary>The ownership's 1×1 convolution weights padded to the stride (zero without the head).</summary>
        public AlignedBuffer OwnershipConvolutionWeights { get; }

        public AlignedBuffer Normalized { get; private set; } = null!;
        public AlignedBuffer PolicyInputs { get; private set; } = null!;
        public AlignedBuffer ValueInputs { get; private set; } = null!;
        public AlignedBuffer Hidden { get; private set; } = null!;
        public AlignedBuffer Logits { get; private set; } = null!;
        public AlignedBuffer Values { get; private set; } = null!;
        public AlignedBuffer LogitGradients { get; private set; } = null!;
        public AlignedBuffer ValueGradients { get; private set; } = null!;
        public AlignedBuffer HiddenGradients { get; private set; } = null!;
        public AlignedBuffer PolicyInputGradients { get; private set; } = null!;
        public AlignedBuffer ValueInputGradients { get; private set; } = null!;
        public AlignedBuffer WeightPartials { get; private set; } = null!;
        public AlignedBuffer OwnershipLogits { get; private set; } = null!;
        public AlignedBuffer Ownership { get; private set; } = null!;
        public AlignedBuffer OwnershipGradients { get; private set; } = null!;
        public AlignedBuffer Scores { get; private set; } = null!;
        public AlignedBuffer ScoreGradients { get; private set; } = null!;
        public double[] BoardStatistics { get; private set; } = [];
        public double[] Losses { get; private set; } = [];

        public float Offset(int channel) => channel < 2 ? PolicyConvolutionOffsets.Values[channel] : ValueConvolutionOffsets.Values[0];

        public ref float OffsetGradient(int channel) => ref channel < 2 ? ref PolicyConvolutionOffsets.Gradient[channel] : ref ValueConvolutionOffsets.Gradient[0];

        public void Allocate(int boards, int area)
        {
            int policy = area + 1;
            Normalized = new AlignedBuffer(boards * HeadChannels * area);
            PolicyInputs = new AlignedBuffer(boards * 2 * area);
            ValueInputs = new AlignedBuffer(boards * area);
            Hidden = new AlignedBuffer(boards * NetworkShape.ValueHidden);
            Logits = new AlignedBuffer(boards * policy);
            Values = new AlignedBuffer(boards);
            LogitGradients = new AlignedBuffer(boards * policy);
            ValueGradients = new AlignedBuffer(boards);
            HiddenGradients = new AlignedBuffer(boards * NetworkShape.ValueHidden);
            PolicyInputGradients = new AlignedBuffer(boards * 2 * area);
            ValueInputGradients = new AlignedBuffer(boards * area);
            WeightPartials = new AlignedBuffer(boards * PartialRows * stride);
            int ownership = Auxiliary ? boards * area : 1;
            OwnershipLogits = new AlignedBuffer(ownership);
            Ownership = new AlignedBuffer(ownership);
            OwnershipGradients = new AlignedBuffer(ownership);
            Scores = new AlignedBuffer(boards);
            ScoreGradients = new AlignedBuffer(boards);
            BoardStatistics = new double[boards * 2 * HeadChannels];
            Losses = new double[boards * LossTerms];
        }

        public void SetWeights()
        {
            int filters = PolicyConvolutionWeights.Length / 2;
            float* target = ConvolutionWeights.Pointer;
            for (int i = 0; i < filters; i++)
            {
                target[i] = PolicyConvolutionWeights.Values[i];
                target[stride + i] = PolicyConvolutionWeights.Values[filters + i];
                target[2 * stride + i] = ValueConvolutionWeights.Values[i];
            }
            OwnershipWeights?.Values.CopyTo(OwnershipConvolutionWeights.Span);
        }

        public void CopyTo(NetworkWeights weights)
        {
            PolicyConvolutionWeights.Values.CopyTo(weights.PolicyConvolution.Weights, 0);
            ValueConvolutionWeights.Values.CopyTo(weights.ValueConvolution.Weights, 0);
            for (int c = 0; c < HeadChannels; c++)
            {
                var convolution = c < 2 ? weights.PolicyConvolution : weights.ValueConvolution;
                int o = c < 2 ? c : 0;
                convolution.Means[o] = RunningMeans[c];
                convolution.Variances[o] = RunningVariances[c];
                convolution.Biases[o] = TrainerCheckpoint.BiasOf(Offset(c), RunningVariances[c]);
            }
            PolicyDenseWeights.Values.CopyTo(weights.PolicyDense.Weights, 0);
            PolicyDenseBiases.Values.CopyTo(weights.PolicyDense.Biases, 0);
            ValueHiddenWeights.Values.CopyTo(weights.ValueHidden.Weights, 0);
            ValueHiddenBiases.Values.CopyTo(weights.ValueHidden.Biases, 0);
            ValueOutputWeights.Values.CopyTo(weights.ValueOutput.Weights, 0);
            ValueOutputBiases.Values.CopyTo(weights.ValueOutput.Biases, 0);
            if (weights.Ownership is null || weights.Score is null) return;
            OwnershipWeights!.Values.CopyTo(weights.Ownership.Weights, 0);
            OwnershipBiases!.Values.CopyTo(weights.Ownership.Biases, 0);
            ScoreWeights!.Values.CopyTo(weights.Score.Weights, 0);
            ScoreBiases!.Values.CopyTo(weights.Score.Biases, 0);
        }
    }
}
