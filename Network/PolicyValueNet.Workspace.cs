using GoZero.Network.Kernels;

namespace GoZero.Network;

public sealed unsafe partial class PolicyValueNet
{
    /// <summary>
    /// Everything one <see cref="Forward"/> call writes: activations, Winograd scratch, head scratch, and the team
    /// of threads that shares each step. Owned by one call at a time. The steps are cached delegates over the
    /// fields below so that running one allocates nothing.
    /// </summary>
    private sealed class Workspace : IDisposable
    {
        private readonly PolicyValueNet net;
        private readonly WorkerTeam team;
        private readonly Action<int> transformInputStep, multiplyStep, headsStep;
        private int capacity;
        private AlignedBuffer input = null!, transformed = null!, products = null!, policyLogits = null!, values = null!;
        private readonly AlignedBuffer[] activations = new AlignedBuffer[3];
        private readonly AlignedBuffer policyPlanes, valuePlane, valueHidden;

        // The step being run.
        private TileGrid grid;
        private WinogradConvolution layer = null!;
        private float* source, target, residual;

        public Workspace(PolicyValueNet net, int batch)
        {
            this.net = net;
            team = new WorkerTeam(net.Threads);
            transformInputStep = TransformInput;
            multiplyStep = MultiplyAndTransformOutput;
            headsStep = Heads;
            int area = net.Shape.Area;
            policyPlanes = new AlignedBuffer(net.Threads * 2 * area);
            valuePlane = new AlignedBuffer(net.Threads * area);
            valueHidden = new AlignedBuffer(net.Threads * NetworkShape.ValueHidden);
            Allocate(batch);
        }

        private void Allocate(int batch)
        {
            capacity = batch;
            var shape = net.Shape;
            var grid = new TileGrid(shape.BoardSize, batch);
            input = new AlignedBuffer(grid.PixelsPerBoard * batch * InputStride);
            for (int i = 0; i < activations.Length; i++) activations[i] = new AlignedBuffer(grid.PixelsPerBoard * batch * net.stride);
            transformed = new AlignedBuffer(WinogradConvolution.Points * grid.Tiles * Math.Max(InputStride, net.stride));
            products = new AlignedBuffer(WinogradConvolution.Points * grid.Tiles * net.stride);
            policyLogits = new AlignedBuffer(batch * shape.PolicySize);
            values = new AlignedBuffer(batch);
        }

        public void Forward(ReadOnlySpan<float> planes, int batch, Span<float> policyOut, Span<float> valuesOut)
        {
            if (batch > capacity) Allocate(batch);
            grid = new TileGrid(net.Shape.BoardSize, batch);
            int size = net.Shape.BoardSize, area = net.Shape.Area;

            // [batch][18][N²] → channel-last padded pixels; the border and channels 18..23 stay zero.
            float* inputs = input.Pointer;
            for (int b = 0; b < batch; b++)
            {
                for (int plane = 0; plane < NetworkShape.InputPlanes; plane++)
                {
                    var source = planes.Slice((b * NetworkShape.InputPlanes + plane) * area, area);
                    for (int y = 0; y < size; y++)
                        for (int x = 0; x < size; x++)
                            inputs[grid.Pixel(b, y, x) * InputStride + plane] = source[y * size + x];
                }
            }

            Convolve(net.stem, inputs, activations[0].Pointer, null);
            int current = 0;
            for (int block = 0; block < net.tower.Length / 2; block++)
            {
                int middle = (current + 1) % 3, next = (current + 2) % 3;
                Convolve(net.tower[2 * block], activations[current].Pointer, activations[middle].Pointer, null);
                Convolve(net.tower[2 * block + 1], activations[middle].Pointer, activations[next].Pointer, activations[current].Pointer);
                current = next;
            }
            source = activations[current].Pointer;
            team.Run(headsStep);

            new ReadOnlySpan<float>(policyLogits.Pointer, batch * net.Shape.PolicySize).CopyTo(policyOut);
            new ReadOnlySpan<float>(values.Pointer, batch).CopyTo(valuesOut);
        }

        private void Convolve(WinogradConvolution convolution, float* from, float* to, float* add)
        {
            layer = convolution;
            source = from;
            target = to;
            residual = add;
            team.Run(transformInputStep);
            team.Run(multiplyStep);
        }

        private void TransformInput(int thread)
        {
            int tiles = grid.Tiles, threads = team.Size;
            layer.TransformInput(source, grid, thread * tiles / threads, (thread + 1) * tiles / threads, transformed.Pointer);
        }

        // Work units are (block of 16 output channels, range of tiles); a unit's products and output transform need
        // no other unit's, so the two run without a barrier between them.
        private void MultiplyAndTransformOutput(int thread)
        {
            int threads = team.Size, blocks = layer.ColumnBlocks, tiles = grid.Tiles;
            int ranges = Math.Min(tiles, (threads + blocks - 1) / blocks);
            for (int unit = thread; unit < blocks * ranges; unit += threads)
            {
                int block = unit % blocks, range = unit / blocks;
                int begin = range * tiles / ranges, end = (range + 1) * tiles / ranges;
                layer.Multiply(transformed.Pointer, grid, block, begin, end, products.Pointer);
                layer.TransformOutput(products.Pointer, grid, block, begin, end, target, residual);
            }
        }

        private void Heads(int thread)
        {
            var shape = net.Shape;
            int size = shape.BoardSize, area = shape.Area, stride = net.stride, policySize = shape.PolicySize;
            float* policy = policyPlanes.Pointer + thread * 2 * area;
            float* value = valuePlane.Pointer + thread * area;
            float* hidden = valueHidden.Pointer + thread * NetworkShape.ValueHidden;
            float* policyWeights0 = net.policyConvolutionWeights.Pointer, policyWeights1 = policyWeights0 + stride;
            float* valueWeights = net.valueConvolutionWeights.Pointer;
            for (int b = thread; b < grid.Batch; b += team.Size)
            {
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        float* pixel = source + grid.Pixel(b, y, x) * stride;
                        int index = y * size + x;
                        policy[index] = Math.Max(0f, VectorMath.Dot(pixel, policyWeights0, stride) + net.policyConvolutionBias0);
                        policy[area + index] = Math.Max(0f, VectorMath.Dot(pixel, policyWeights1, stride) + net.policyConvolutionBias1);
                        value[index] = Math.Max(0f, VectorMath.Dot(pixel, valueWeights, stride) + net.valueConvolutionBias);
                    }
                }
                float* logits = policyLogits.Pointer + b * policySize;
                for (int o = 0; o < policySize; o++)
                    logits[o] = net.policyDenseBiases.Pointer[o] + VectorMath.Dot(net.policyDenseWeights.Pointer + (nint)o * 2 * area, policy, 2 * area);
                for (int h = 0; h < NetworkShape.ValueHidden; h++)
                    hidden[h] = Math.Max(0f, net.valueHiddenBiases.Pointer[h] + VectorMath.Dot(net.valueHiddenWeights.Pointer + (nint)h * area, value, area));
                float v = net.valueOutputBias + VectorMath.Dot(net.valueOutputWeights.Pointer, hidden, NetworkShape.ValueHidden);
                values.Pointer[b] = MathF.Tanh(v);
            }
        }

        public void Dispose() => team.Dispose();
    }
}
