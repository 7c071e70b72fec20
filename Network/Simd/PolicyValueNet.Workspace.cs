using GoZero.Network.Simd.Kernels;

namespace GoZero.Network.Simd;

public sealed unsafe partial class PolicyValueNet
{
    /// <summary>
    /// Boards one lane evaluates at a time (<see cref="WinogradConvolution.BoardsPerChunk"/>), up to 8 MB of V and M
    /// where the weights stream from L3. (Measured on this project's 2-core Xeon: 6×64 at batch 8 does 819/s with
    /// 2-board chunks, 691/s with 8; 10×128 does 90/s with 1-board chunks, 136/s with 8.)
    /// </summary>
    private int ChunkBoards() => WinogradConvolution.BoardsPerChunk(Shape.BoardSize, stride, streamingBytes: 8 << 20, maxBoards: 256);

    /// <summary>
    /// What one thread needs to run the whole network on a chunk of boards: activations and Winograd scratch.
    /// </summary>
    private sealed class Lane(PolicyValueNet net)
    {
        public int Capacity { get; private set; }
        public AlignedBuffer Input { get; private set; } = null!;
        public AlignedBuffer Transformed { get; private set; } = null!;
        public AlignedBuffer Products { get; private set; } = null!;
        public AlignedBuffer[] Activations { get; } = new AlignedBuffer[3];

        /// <summary>The pooled values and biases of <see cref="GlobalPoolingLayer.Apply"/>.</summary>
        public AlignedBuffer PoolingScratch { get; } = new(Math.Max(1, 3 * net.Shape.GlobalPoolingChannels + net.Shape.Filters));

        public void EnsureCapacity(int boards)
        {
            if (boards <= Capacity) return;
            Capacity = boards;
            var grid = new TileGrid(net.Shape.BoardSize, boards);
            Input = new AlignedBuffer(grid.PixelsPerBoard * boards * WinogradConvolution.InputPlaneStride);
            for (int i = 0; i < Activations.Length; i++) Activations[i] = new AlignedBuffer(grid.PixelsPerBoard * boards * net.stride);
            Transformed = new AlignedBuffer(WinogradConvolution.Points * grid.Tiles * Math.Max(WinogradConvolution.InputPlaneStride, net.stride));
            Products = new AlignedBuffer(WinogradConvolution.Points * grid.Tiles * net.stride);
        }
    }

    /// <summary>
    /// Everything one <see cref="Forward"/> call writes, and the team of threads that runs it. Owned by one call at
    /// a time. A batch is cut into chunks of boards that fit the cache; with several chunks each thread takes whole
    /// chunks through the whole network on its own lane (no synchronisation inside a pass), with one chunk the
    /// threads share each convolution step by step. The steps are cached delegates over the fields below so that
    /// running one allocates nothing.
    /// </summary>
    private sealed class Workspace : IDisposable
    {
        private readonly PolicyValueNet net;
        private readonly WorkerTeam team;
        private readonly Lane[] lanes;
        private readonly int chunkBoards;
        private readonly Action<int, int> chunkStep, transformInputStep, multiplyStep, headsStep;
        private readonly AlignedBuffer policyPlanes, valuePlane, valueHidden;
        private int capacity;
        private AlignedBuffer planes = null!, policyLogits = null!, values = null!, ownership = null!, scores = null!;
        private bool wantOwnership, wantScore;

        // The step being run.
        private int batchSize, chunkSize, firstChunk;
        private TileGrid grid;
        private Lane lane = null!;
        private int firstBoard;
        private WinogradConvolution layer = null!;
        private float* source, target, residual;

        public Workspace(PolicyValueNet net, int batch)
        {
            this.net = net;
            team = new WorkerTeam(net.Threads);
            lanes = Enumerable.Range(0, net.Threads).Select(_ => new Lane(net)).ToArray();
            chunkBoards = net.ChunkBoards();
            chunkStep = RunChunk;
            transformInputStep = (_, unit) => TransformInputTiles(unit);
            multiplyStep = (_, unit) => MultiplyBlocks(unit);
            headsStep = (participant, board) => Heads(participant, grid, source, firstBoard, board);
            int area = net.Shape.Area;
            policyPlanes = new AlignedBuffer(net.Threads * 2 * area);
            valuePlane = new AlignedBuffer(net.Threads * area);
            valueHidden = new AlignedBuffer(net.Threads * NetworkShape.ValueHidden);
            Allocate(batch);
        }

        private void Allocate(int batch)
        {
            capacity = batch;
            planes = new AlignedBuffer(batch * NetworkShape.InputPlanes * net.Shape.Area);
            policyLogits = new AlignedBuffer(batch * net.Shape.PolicySize);
            values = new AlignedBuffer(batch);
            ownership = new AlignedBuffer(net.ownershipWeights is null ? 1 : batch * net.Shape.Area);
            scores = new AlignedBuffer(batch);
        }

        public void Forward(ReadOnlySpan<float> input, int batch, ModelOutputs outputs)
        {
            if (batch > capacity) Allocate(batch);
            input.CopyTo(planes.Span);
            batchSize = batch;
            wantOwnership = !outputs.Ownership.IsEmpty;
            wantScore = !outputs.Score.IsEmpty;
            chunkSize = Math.Min(chunkBoards, (batch + team.Size - 1) / team.Size);
            int chunks = (batch + chunkSize - 1) / chunkSize;
            if (chunks == 1 && team.Size > 1 && ConvolutionMultiplyAdds(batch) >= MinSharedMultiplyAdds)
            {
                RunChunkTogether(batch);
            }
            else
            {
                for (firstChunk = 0; firstChunk < chunks; firstChunk += WorkerTeam.MaxUnits)
                    team.Run(chunkStep, Math.Min(WorkerTeam.MaxUnits, chunks - firstChunk));
            }
            new ReadOnlySpan<float>(policyLogits.Pointer, batch * net.Shape.PolicySize).CopyTo(outputs.Policy);
            new ReadOnlySpan<float>(values.Pointer, batch).CopyTo(outputs.Value);
            if (wantOwnership) new ReadOnlySpan<float>(ownership.Pointer, batch * net.Shape.Area).CopyTo(outputs.Ownership);
            if (wantScore) new ReadOnlySpan<float>(scores.Pointer, batch).CopyTo(outputs.Score);
        }

        // Sharing one convolution between threads costs two hand-overs (a few µs each on this VM, far more when the
        // scheduler parks a helper on a busy machine); below about this much work per convolution one thread is
        // faster. Measured at batch 1 on two threads: 19×19 6×64 (3.7 M multiply-adds a convolution) 836/s
        // shared vs 864/s alone; 10×128 (14.7 M) 165/s shared vs 96/s alone.
        private const long MinSharedMultiplyAdds = 8_000_000;

        private long ConvolutionMultiplyAdds(int boards) =>
            (long)WinogradConvolution.Points * new TileGrid(net.Shape.BoardSize, boards).Tiles * net.stride * net.stride;

        /// <summary>One participant takes one chunk through the whole network alone.</summary>
        private void RunChunk(int participant, int chunk)
        {
            int first = (firstChunk + chunk) * chunkSize;
            int boards = Math.Min(chunkSize, batchSize - first);
            var own = lanes[participant];
            own.EnsureCapacity(boards);
            var chunkGrid = new TileGrid(net.Shape.BoardSize, boards);
            float* output = Tower(own, chunkGrid, first, together: false);
            for (int board = 0; board < boards; board++) Heads(participant, chunkGrid, output, first, board);
        }

        /// <summary>All participants share each step of one chunk holding the whole batch.</summary>
        private void RunChunkTogether(int boards)
        {
            lane = lanes[0];
            lane.EnsureCapacity(boards);
            grid = new TileGrid(net.Shape.BoardSize, boards);
            firstBoard = 0;
            source = Tower(lane, grid, 0, together: true);
            team.Run(headsStep, boards);
        }

        /// <summary>Stem and residual blocks for the chunk's boards; returns the final activations.</summary>
        private float* Tower(Lane own, TileGrid chunkGrid, int first, bool together)
        {
            ConvertPlanes(own, chunkGrid, first);
            var activations = own.Activations;
            Convolve(own, chunkGrid, net.stem, own.Input.Pointer, activations[0].Pointer, null, together);
            int current = 0;
            for (int block = 0; block < net.tower.Length / 2; block++)
            {
                int middle = (current + 1) % 3, next = (current + 2) % 3;
                Convolve(own, chunkGrid, net.tower[2 * block], activations[current].Pointer, activations[middle].Pointer, null, together);
                // One thread pools every board of the chunk even when the team shares the convolutions: it is
                // F·N² operations a board, under 1 % of a convolution's.
                if (net.pooling[block] is { } pool)
                    for (int board = 0; board < chunkGrid.Batch; board++)
                        pool.Apply(activations[middle].Pointer, chunkGrid, board, net.stride, own.PoolingScratch.Pointer);
                Convolve(own, chunkGrid, net.tower[2 * block + 1], activations[middle].Pointer, activations[next].Pointer, activations[current].Pointer, together);
                current = next;
            }
            return activations[current].Pointer;
        }

        /// <summary>[board][18][N²] → channel-last padded pixels; the border and channels 18..23 stay zero.</summary>
        private void ConvertPlanes(Lane own, TileGrid chunkGrid, int first)
        {
            int size = net.Shape.BoardSize, area = net.Shape.Area;
            float* inputs = own.Input.Pointer;
            for (int b = 0; b < chunkGrid.Batch; b++)
            {
                for (int plane = 0; plane < NetworkShape.InputPlanes; plane++)
                {
                    float* from = planes.Pointer + ((nint)(first + b) * NetworkShape.InputPlanes + plane) * area;
                    for (int y = 0; y < size; y++)
                        for (int x = 0; x < size; x++)
                            inputs[chunkGrid.Pixel(b, y, x) * WinogradConvolution.InputPlaneStride + plane] = from[y * size + x];
                }
            }
        }

        private void Convolve(Lane own, TileGrid chunkGrid, WinogradConvolution convolution, float* from, float* to, float* add, bool together)
        {
            if (!together)
            {
                ConvolveTiles(own, chunkGrid, convolution, from, to, add, 0, chunkGrid.Tiles);
                return;
            }
            layer = convolution;
            source = from;
            target = to;
            residual = add;
            // Two steps: the input transform split by tiles, then products and output transform split by blocks of
            // output channels, so that each thread streams only its share of the transformed weights (2.4 MB a
            // layer at 128 filters, more than L2) and runs full-height row blocks. (One step split by tiles instead
            // saves a barrier but halves the row blocks and doubles the weight traffic: 6×64 at batch 1 on two
            // threads fell from 798/s to 714/s.)
            team.Run(transformInputStep, team.Size);
            team.Run(multiplyStep, Math.Min(team.Size, convolution.ColumnBlocks));
        }

        private void TransformInputTiles(int unit)
        {
            int tiles = grid.Tiles, units = team.Size;
            layer.TransformInput(source, grid, unit * tiles / units, (unit + 1) * tiles / units, lane.Transformed.Pointer);
        }

        private void MultiplyBlocks(int unit)
        {
            int blocks = layer.ColumnBlocks, units = Math.Min(team.Size, blocks);
            int first = unit * blocks / units, end = (unit + 1) * blocks / units;
            layer.Multiply(lane.Transformed.Pointer, grid, 0, grid.Tiles, first, end, lane.Products.Pointer);
            layer.TransformOutput(lane.Products.Pointer, grid, 0, grid.Tiles, first, end, target, residual);
        }

        /// <summary>Input transform, products and output transform for tiles [begin, end).</summary>
        private static void ConvolveTiles(Lane own, in TileGrid chunkGrid, WinogradConvolution convolution, float* from, float* to, float* add, int begin, int end)
        {
            convolution.TransformInput(from, chunkGrid, begin, end, own.Transformed.Pointer);
            convolution.Multiply(own.Transformed.Pointer, chunkGrid, begin, end, own.Products.Pointer);
            convolution.TransformOutput(own.Products.Pointer, chunkGrid, begin, end, to, add);
        }

        /// <summary>Policy and value heads, and the ownership and score heads where wanted, for board
        /// <paramref name="board"/> of a chunk starting at batch index <paramref name="first"/>.</summary>
        private void Heads(int participant, in TileGrid chunkGrid, float* activations, int first, int board)
        {
            var shape = net.Shape;
            int size = shape.BoardSize, area = shape.Area, stride = net.stride, policySize = shape.PolicySize;
            float* policy = policyPlanes.Pointer + participant * 2 * area;
            float* value = valuePlane.Pointer + participant * area;
            float* hidden = valueHidden.Pointer + participant * NetworkShape.ValueHidden;
            float* policyWeights0 = net.policyConvolutionWeights.Pointer, policyWeights1 = policyWeights0 + stride;
            float* valueWeights = net.valueConvolutionWeights.Pointer;
            int position = first + board;
            if (wantOwnership)
            {
                float* owners = ownership.Pointer + (nint)position * area, ownershipWeights = net.ownershipWeights!.Pointer;
                for (int y = 0; y < size; y++)
                    for (int x = 0; x < size; x++)
                        owners[y * size + x] = MathF.Tanh(VectorMath.Dot(activations + chunkGrid.Pixel(board, y, x) * stride, ownershipWeights, stride) + net.ownershipBias);
            }
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    float* pixel = activations + chunkGrid.Pixel(board, y, x) * stride;
                    int index = y * size + x;
                    policy[index] = Math.Max(0f, VectorMath.Dot(pixel, policyWeights0, stride) + net.policyConvolutionBias0);
                    policy[area + index] = Math.Max(0f, VectorMath.Dot(pixel, policyWeights1, stride) + net.policyConvolutionBias1);
                    value[index] = Math.Max(0f, VectorMath.Dot(pixel, valueWeights, stride) + net.valueConvolutionBias);
                }
            }
            float* logits = policyLogits.Pointer + (nint)position * policySize;
            for (int o = 0; o < policySize; o++)
                logits[o] = net.policyDenseBiases.Pointer[o] + VectorMath.Dot(net.policyDenseWeights.Pointer + (nint)o * 2 * area, policy, 2 * area);
            for (int h = 0; h < NetworkShape.ValueHidden; h++)
                hidden[h] = Math.Max(0f, net.valueHiddenBiases.Pointer[h] + VectorMath.Dot(net.valueHiddenWeights.Pointer + (nint)h * area, value, area));
            float v = net.valueOutputBias + VectorMath.Dot(net.valueOutputWeights.Pointer, hidden, NetworkShape.ValueHidden);
            values.Pointer[position] = MathF.Tanh(v);
            if (wantScore)
                scores.Pointer[position] = NetworkShape.ScoreScale * (net.scoreBias + VectorMath.Dot(net.scoreWeights!.Pointer, hidden, NetworkShape.ValueHidden));
        }

        public void Dispose() => team.Dispose();
    }
}
