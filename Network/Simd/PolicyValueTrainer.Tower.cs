using System.Runtime.Intrinsics;
using GoZero.Network.Simd.Kernels;
using GoZero.Network.Training;

namespace GoZero.Network.Simd;

public sealed unsafe partial class PolicyValueTrainer
{
    private readonly AlignedBuffer[] scratch;
    private readonly HeadLayers heads;
    private Action<int, int> convertStep = null!, setWeightsStep = null!, convolveStep = null!, normalizeStep = null!;
    private Action<int, int> maskStep = null!, dataGradientStep = null!, weightGradientStep = null!, finishStep = null!;

    private int capacity;
    private AlignedBuffer input = null!, gradient0 = null!, gradient1 = null!, outputGradient = null!;
    private AlignedBuffer transformedInputs = null!, transformedGradients = null!;
    private AlignedBuffer? inputGradients;
    private double[] chunkStatistics = [];

    // The step being run.
    private TrainingBatch batch = null!;
    private int count, chunks;
    private bool training, wantInputGradient;
    private ConvolutionLayer layer = null!;
    private float* gradient, gradientTarget;
    private bool accumulateTarget;

    /// <summary>Floats of each of a participant's three Winograd scratch buffers (V, M, dV) for one chunk.</summary>
    private int ScratchLength => WinogradConvolution.Points * chunkBoards * tilesPerBoard * Math.Max(Math.Max(WinogradConvolution.InputPlaneStride, stride), 32);

    private void CreateSteps()
    {
        convertStep = (_, board) => ConvertPlanes(board);
        setWeightsStep = (_, block) => layer.Kernel.SetWeights(layer.Weights.Values, block * PackedGemm.Columns, Math.Min(layer.Kernel.Outputs, (block + 1) * PackedGemm.Columns));
        convolveStep = Convolve;
        normalizeStep = (_, chunk) => Normalize(chunk);
        maskStep = (_, chunk) => MaskGradient(chunk);
        dataGradientStep = DataGradient;
        weightGradientStep = (_, unit) => layer.Kernel.WeightGradient(transformedInputs.Pointer, transformedGradients.Pointer, count * tilesPerBoard, unit);
        finishStep = (_, block) => layer.Kernel.FinishWeightGradient(layer.Weights.Gradient, block);
        CreateHeadSteps();
        CreatePoolingSteps();
    }

    private void Prepare(TrainingBatch batch, bool training, bool inputGradient)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.BoardSize != size) throw new ArgumentException($"the batch is of {batch.BoardSize}×{batch.BoardSize} positions, the network of {size}×{size}", nameof(batch));
        if (batch.Count < 1) throw new ArgumentException("the batch is empty", nameof(batch));
        this.batch = batch;
        this.training = training;
        wantInputGradient = inputGradient;
        count = batch.Count;
        chunks = (count + chunkBoards - 1) / chunkBoards;
        EnsureCapacity(count);
        if (inputGradient && (inputGradients is null || inputGradients.Length < count * pixelsPerBoard * WinogradConvolution.InputPlaneStride))
            inputGradients = new AlignedBuffer(capacity * pixelsPerBoard * WinogradConvolution.InputPlaneStride);
        foreach (var convolution in layers)
        {
            layer = convolution;
            team.Run(setWeightsStep, convolution.Kernel.OutputBlocks);
            convolution.Offsets.Values.CopyTo(convolution.PaddedOffsets.Span);
        }
        heads.SetWeights();
    }

    private void EnsureCapacity(int boards)
    {
        if (boards <= capacity) return;
        capacity = boards;
        int pixels = boards * pixelsPerBoard;
        input = new AlignedBuffer(pixels * WinogradConvolution.InputPlaneStride);
        gradient0 = new AlignedBuffer(pixels * stride);
        gradient1 = new AlignedBuffer(pixels * stride);
        outputGradient = new AlignedBuffer(pixels * stride);
        int tiles = boards * tilesPerBoard;
        transformedInputs = new AlignedBuffer(WinogradConvolution.Points * tiles * Math.Max(WinogradConvolution.InputPlaneStride, stride));
        transformedGradients = new AlignedBuffer(WinogradConvolution.Points * tiles * stride);
        chunkStatistics = new double[((boards + chunkBoards - 1) / chunkBoards) * 2 * stride];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].Allocate(pixels);
            layers[l].Input = l == 0 ? input.Pointer : layers[l - 1].Output.Pointer;
            layers[l].Residual = l > 0 && l % 2 == 0 ? layers[l - 2].Output.Pointer : null;
        }
        heads.Allocate(boards, area);
        foreach (var poolingLayer in pooling) poolingLayer?.Allocate(boards);
    }

    private TrainingLoss Forward()
    {
        team.Run(convertStep, count);
        for (int l = 0; l < layers.Length; l++)
        {
            layer = layers[l];
            team.Run(convolveStep, chunks);
            if (training) ReduceStatistics();
            else layer.UseRunningStatistics();
            team.Run(normalizeStep, chunks);
            if (PoolingAfter(l) is not { } poolingLayer) continue;
            pool = poolingLayer;
            team.Run(poolForwardStep, count);
        }
        return HeadsForward(layers[^1].Output.Pointer);
    }

    private void Backward()
    {
        HeadsBackward(layers[^1].Output.Pointer, gradient0.Pointer);
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            layer = layers[l];
            // Layer 0 and each block's second convolution receive their gradient in gradient0, first convolutions
            // in gradient1. A second convolution's data gradient starts gradient1 afresh; a first convolution's is
            // added to gradient0, which then holds the block input's gradient through the skip connection.
            gradient = l % 2 == 0 ? gradient0.Pointer : gradient1.Pointer;
            gradientTarget = l == 0 ? (wantInputGradient ? inputGradients!.Pointer : null) : l % 2 == 0 ? gradient1.Pointer : gradient0.Pointer;
            accumulateTarget = l % 2 == 1;
            if (PoolingAfter(l) is { } poolingLayer)
            {
                pool = poolingLayer;
                team.Run(poolBackwardStep, count);
                FinishPoolingGradient();
            }
            team.Run(maskStep, chunks);
            ReduceGradientStatistics();
            team.Run(dataGradientStep, chunks);
            team.Run(weightGradientStep, layer.Kernel.WeightGradientUnits);
            team.Run(finishStep, layer.Kernel.OutputBlocks);
        }
    }

    /// <summary>[board][18][N²] → channel-last padded pixels; the border and channels 18..23 stay zero.</summary>
    private void ConvertPlanes(int board)
    {
        int planeLength = NetworkShape.InputPlanes * area;
        fixed (float* planes = &batch.Planes[(long)board * planeLength])
        {
            float* target = input.Pointer + (nint)board * pixelsPerBoard * WinogradConvolution.InputPlaneStride;
            for (int plane = 0; plane < NetworkShape.InputPlanes; plane++)
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                        target[PixelOf(y, x) * WinogradConvolution.InputPlaneStride + plane] = planes[plane * area + y * size + x];
        }
    }

    /// <summary>The padded pixel of point (y, x) within its board.</summary>
    private nint PixelOf(int y, int x) => (nint)(y + 1) * width + x + 1;

    private void ChunkRange(int chunk, out int first, out int boards)
    {
        first = chunk * chunkBoards;
        boards = Math.Min(chunkBoards, count - first);
    }

    /// <summary>The raw convolution of one chunk and, in training, its per-channel mean and squared deviations.</summary>
    private void Convolve(int participant, int chunk)
    {
        ChunkRange(chunk, out int first, out int boards);
        nint offset = (nint)first * pixelsPerBoard;
        float* v = scratch[participant].Pointer, m = v + ScratchLength;
        float* z = layer.Normalized.Pointer + offset * stride;
        layer.Kernel.Forward(layer.Input + offset * layer.Kernel.InputStride, new TileGrid(size, boards), v, m, z);
        if (!training) return;

        // Two passes over the chunk (still in cache): its mean, then squared deviations from it, merged across
        // chunks by Chan et al.'s pairwise formula in ReduceStatistics: accurate, and in a fixed order.
        float* sums = stackalloc float[stride];
        float* squares = stackalloc float[stride];
        new Span<float>(sums, stride).Clear();
        new Span<float>(squares, stride).Clear();
        for (int b = 0; b < boards; b++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    float* pixel = z + ((nint)b * pixelsPerBoard + PixelOf(y, x)) * stride;
                    for (int g = 0; g < stride; g += 8) (Vector256.Load(sums + g) + Vector256.Load(pixel + g)).Store(sums + g);
                }
        float inverseCount = 1f / (boards * area);
        for (int c = 0; c < stride; c++) sums[c] *= inverseCount;
        for (int b = 0; b < boards; b++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    float* pixel = z + ((nint)b * pixelsPerBoard + PixelOf(y, x)) * stride;
                    for (int g = 0; g < stride; g += 8)
                    {
                        var deviation = Vector256.Load(pixel + g) - Vector256.Load(sums + g);
                        (Vector256.Load(squares + g) + deviation * deviation).Store(squares + g);
                    }
                }
        int at = chunk * 2 * stride;
        for (int c = 0; c < stride; c++)
        {
            chunkStatistics[at + c] = sums[c];
            chunkStatistics[at + stride + c] = squares[c];
        }
    }

    /// <summary>The batch's mean and variance per channel from the chunks', in chunk order; running statistics follow.</summary>
    private void ReduceStatistics()
    {
        var convolution = layer;
        for (int c = 0; c < convolution.Kernel.Outputs; c++)
        {
            double n = 0, mean = 0, squares = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                ChunkRange(chunk, out _, out int boards);
                double nChunk = (double)boards * area, meanChunk = chunkStatistics[chunk * 2 * stride + c];
                double delta = meanChunk - mean, total = n + nChunk;
                mean += delta * nChunk / total;
                squares += chunkStatistics[chunk * 2 * stride + stride + c] + delta * delta * n * nChunk / total;
                n = total;
            }
            double variance = squares / n;
            convolution.Means.Pointer[c] = (float)mean;
            convolution.Scales.Pointer[c] = (float)(1 / Math.Sqrt(variance + ConvolutionWeights.BatchNormEpsilon));
            convolution.BatchMeans[c] = mean;
            convolution.BatchVariances[c] = variance;
        }
    }

    /// <summary>x̂ = (z − μ)·s in place, then output = ReLU(x̂ + β [+ block input]).</summary>
    private void Normalize(int chunk)
    {
        ChunkRange(chunk, out int first, out int boards);
        float* means = layer.Means.Pointer, scales = layer.Scales.Pointer, offsets = layer.PaddedOffsets.Pointer;
        float* residual = layer.Residual;
        for (int b = first; b < first + boards; b++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    nint at = ((nint)b * pixelsPerBoard + PixelOf(y, x)) * stride;
                    float* z = layer.Normalized.Pointer + at, output = layer.Output.Pointer + at;
                    for (int g = 0; g < stride; g += 8)
                    {
                        var normalized = (Vector256.Load(z + g) - Vector256.Load(means + g)) * Vector256.Load(scales + g);
                        normalized.Store(z + g);
                        var sum = normalized + Vector256.Load(offsets + g);
                        if (residual != null) sum += Vector256.Load(residual + at + g);
                        Vector256.Max(sum, Vector256<float>.Zero).Store(output + g);
                    }
                }
    }

    /// <summary>dY = dA where the ReLU passed, in place; per chunk Σ dY and Σ dY·x̂ per channel.</summary>
    private void MaskGradient(int chunk)
    {
        ChunkRange(chunk, out int first, out int boards);
        float* sums = stackalloc float[stride];
        float* products = stackalloc float[stride];
        new Span<float>(sums, stride).Clear();
        new Span<float>(products, stride).Clear();
        for (int b = first; b < first + boards; b++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    nint at = ((nint)b * pixelsPerBoard + PixelOf(y, x)) * stride;
                    float* g = gradient + at, output = layer.Output.Pointer + at, normalized = layer.Normalized.Pointer + at;
                    for (int i = 0; i < stride; i += 8)
                    {
                        var passed = Vector256.GreaterThan(Vector256.Load(output + i), Vector256<float>.Zero);
                        var dy = Vector256.ConditionalSelect(passed, Vector256.Load(g + i), Vector256<float>.Zero);
                        dy.Store(g + i);
                        (Vector256.Load(sums + i) + dy).Store(sums + i);
                        (Vector256.Load(products + i) + dy * Vector256.Load(normalized + i)).Store(products + i);
                    }
                }
        int atChunk = chunk * 2 * stride;
        for (int c = 0; c < stride; c++)
        {
            chunkStatistics[atChunk + c] = sums[c];
            chunkStatistics[atChunk + stride + c] = products[c];
        }
    }

    /// <summary>dβ = Σ dY; the means of dY and dY·x̂ that batch norm's backward pass subtracts.</summary>
    private void ReduceGradientStatistics()
    {
        double n = (double)count * area;
        for (int c = 0; c < layer.Kernel.Outputs; c++)
        {
            double sum = 0, product = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                sum += chunkStatistics[chunk * 2 * stride + c];
                product += chunkStatistics[chunk * 2 * stride + stride + c];
            }
            layer.Offsets.Gradient[c] = (float)sum;
            layer.GradientMeans.Pointer[c] = (float)(sum / n);
            layer.GradientCorrelations.Pointer[c] = (float)(product / n);
        }
    }

    /// <summary>
    /// For one chunk: dZ = s·(dY − mean(dY) − x̂·mean(dY·x̂)) (batch norm's backward pass with batch statistics),
    /// its Winograd transform dM and the recomputed input transform V for the weight gradient, and the data gradient.
    /// </summary>
    private void DataGradient(int participant, int chunk)
    {
        ChunkRange(chunk, out int first, out int boards);
        float* scales = layer.Scales.Pointer, means = layer.GradientMeans.Pointer, correlations = layer.GradientCorrelations.Pointer;
        for (int b = first; b < first + boards; b++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    nint at = ((nint)b * pixelsPerBoard + PixelOf(y, x)) * stride;
                    float* g = gradient + at, normalized = layer.Normalized.Pointer + at, dz = outputGradient.Pointer + at;
                    for (int i = 0; i < stride; i += 8)
                    {
                        var centred = Vector256.Load(g + i) - Vector256.Load(means + i) - Vector256.Load(normalized + i) * Vector256.Load(correlations + i);
                        (centred * Vector256.Load(scales + i)).Store(dz + i);
                    }
                }
        var grid = new TileGrid(size, count);
        int begin = first * tilesPerBoard, end = (first + boards) * tilesPerBoard;
        layer.Kernel.TransformOutputGradient(outputGradient.Pointer, grid, begin, end, transformedGradients.Pointer);
        WinogradConvolution.TransformInput(layer.Input, layer.Kernel.InputStride, grid, begin, end, transformedInputs.Pointer);
        if (gradientTarget == null) return;
        float* target = gradientTarget + (nint)first * pixelsPerBoard * layer.Kernel.InputStride;
        if (!accumulateTarget) new Span<float>(target, boards * pixelsPerBoard * layer.Kernel.InputStride).Clear();
        float* dv = scratch[participant].Pointer + 2 * ScratchLength;
        layer.Kernel.DataGradient(transformedGradients.Pointer, grid.Tiles, begin, new TileGrid(size, boards), dv, target);
    }

    /// <summary>The gradient of the input planes from the last <see cref="ComputeGradients"/> with inputGradient: [Count][18][N²].</summary>
    internal float[] InputGradient()
    {
        var planes = new float[count * NetworkShape.InputPlanes * area];
        for (int b = 0; b < count; b++)
            for (int plane = 0; plane < NetworkShape.InputPlanes; plane++)
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                        planes[(b * NetworkShape.InputPlanes + plane) * area + y * size + x] =
                            inputGradients!.Pointer[((nint)b * pixelsPerBoard + PixelOf(y, x)) * WinogradConvolution.InputPlaneStride + plane];
        return planes;
    }

    /// <summary>A 3×3 convolution with batch norm and ReLU (and, for a block's second, the skip connection).</summary>
    private sealed class ConvolutionLayer
    {
        public ConvolutionLayer(string name, ConvolutionWeights initial, int inputStride, IReadOnlyDictionary<string, float[]> exact)
        {
            Kernel = new TrainableConvolution(initial.Inputs, initial.Outputs, inputStride);
            Weights = new TrainableTensor(name + ".weights", initial.Weights);
            Offsets = new TrainableTensor(name + ".offsets", TrainerCheckpoint.OffsetsOf(initial, exact, name + ".offsets"));
            RunningMeans = (float[])initial.Means.Clone();
            RunningVariances = (float[])initial.Variances.Clone();
            BatchMeans = new double[initial.Outputs];
            BatchVariances = new double[initial.Outputs];
            int s = Kernel.OutputStride;
            Means = new AlignedBuffer(s);
            Scales = new AlignedBuffer(s);
            PaddedOffsets = new AlignedBuffer(s);
            GradientMeans = new AlignedBuffer(s);
            GradientCorrelations = new AlignedBuffer(s);
        }

        public TrainableConvolution Kernel { get; }
        public TrainableTensor Weights { get; }
        public TrainableTensor Offsets { get; }
        public float[] RunningMeans { get; }
        public float[] RunningVariances { get; }

        /// <summary>The last training batch's statistics, applied to the running ones once the step is known good.</summary>
        public double[] BatchMeans { get; }
        public double[] BatchVariances { get; }

        // Per channel, padded with zeros: the statistics in use (the batch's or the running ones), β, and the means
        // of dY and dY·x̂.
        public AlignedBuffer Means { get; }
        public AlignedBuffer Scales { get; }
        public AlignedBuffer PaddedOffsets { get; }
        public AlignedBuffer GradientMeans { get; }
        public AlignedBuffer GradientCorrelations { get; }

        /// <summary>The raw convolution, then x̂ = (z − μ)/σ in place.</summary>
        public AlignedBuffer Normalized { get; private set; } = null!;

        /// <summary>ReLU(x̂ + β [+ residual]): the next layer's input.</summary>
        public AlignedBuffer Output { get; private set; } = null!;

        public float* Input { get; set; }
        public float* Residual { get; set; }

        public void Allocate(int pixels)
        {
            Normalized = new AlignedBuffer(pixels * Kernel.OutputStride);
            Output = new AlignedBuffer(pixels * Kernel.OutputStride);
        }

        public void UseRunningStatistics()
        {
            for (int c = 0; c < Kernel.Outputs; c++)
            {
                Means.Pointer[c] = RunningMeans[c];
                Scales.Pointer[c] = (float)(1 / Math.Sqrt(RunningVariances[c] + (double)ConvolutionWeights.BatchNormEpsilon));
            }
        }

        public void CopyTo(ConvolutionWeights target)
        {
            Weights.Values.CopyTo(target.Weights, 0);
            RunningMeans.CopyTo(target.Means, 0);
            RunningVariances.CopyTo(target.Variances, 0);
            for (int o = 0; o < target.Outputs; o++) target.Biases[o] = TrainerCheckpoint.BiasOf(Offsets.Values[o], RunningVariances[o]);
        }
    }
}
