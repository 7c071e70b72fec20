using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// A 3×3 convolution with its batch norm folded in, computed with Winograd's minimal filtering F(4×4, 3×3)
/// (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016; the transform matrices are those of
/// Leela Zero's CPUPipe.cpp): each 4×4 block of outputs comes from a 6×6 input tile, V = Bᵀ d B, 36 matrix products
/// M(ξ) = V(ξ) · U(ξ) over the input channels with U = G g Gᵀ, and Y = Aᵀ M A — 2.25 times fewer multiplications
/// than the direct convolution, and the products are large register-blocked GEMMs.
/// </summary>
/// <remarks>
/// Activations are channel-last: [batch][W·W pixels][stride channels], W = 4·tiles + 2 (the board with a zero border
/// of one on the top and left and at least one on the bottom and right, so that every 6×6 tile reads inside the
/// buffer and the zero padding of the convolution needs no bounds checks). Only on-board pixels are ever written, so
/// the border stays zero. Channels are padded to a multiple of 16 with zero weights and biases; padded channels
/// therefore stay zero through ReLU.
/// </remarks>
internal sealed unsafe class WinogradConvolution
{
    public const int OutputTile = 4;
    public const int InputTile = 6;
    public const int Points = InputTile * InputTile;

    // Bᵀ, G and Aᵀ for F(4×4, 3×3) with interpolation points 0, ±1, ±2, ∞.
    internal static readonly double[,] G =
    {
        { 1.0 / 4, 0, 0 },
        { -1.0 / 6, -1.0 / 6, -1.0 / 6 },
        { -1.0 / 6, 1.0 / 6, -1.0 / 6 },
        { 1.0 / 24, 1.0 / 12, 1.0 / 6 },
        { 1.0 / 24, -1.0 / 12, 1.0 / 6 },
        { 0, 0, 1 },
    };

    private readonly AlignedBuffer transformedWeights;
    private readonly AlignedBuffer biases;

    /// <summary>Real input channels: the depth of each matrix product.</summary>
    public int Inputs { get; }

    /// <summary>Floats per pixel of the input activations (a multiple of 8, at least <see cref="Inputs"/>).</summary>
    public int InputStride { get; }

    public int Outputs { get; }

    /// <summary>Floats per pixel of the output activations: <see cref="Outputs"/> rounded up to 16.</summary>
    public int OutputStride { get; }

    /// <summary>Blocks of 16 output channels: the unit of the products' columns.</summary>
    public int ColumnBlocks => OutputStride / PackedGemm.Columns;

    /// <summary>The ReLU's floor: 0, or −∞ for a convolution whose outputs are rectified later (a pooling block's
    /// first convolution, whose regular channels get their pooled bias before the ReLU).</summary>
    private readonly float floor;

    public WinogradConvolution(ConvolutionWeights weights, int inputStride, bool rectified = true)
    {
        floor = rectified ? 0f : float.NegativeInfinity;
        if (weights.Kernel != 3) throw new ArgumentException("a Winograd convolution needs a 3×3 kernel", nameof(weights));
        if (inputStride < weights.Inputs || inputStride % 8 != 0) throw new ArgumentOutOfRangeException(nameof(inputStride));
        Inputs = weights.Inputs;
        InputStride = inputStride;
        Outputs = weights.Outputs;
        OutputStride = RoundUp(Outputs, PackedGemm.Columns);
        transformedWeights = new AlignedBuffer(Points * OutputStride * Inputs);
        biases = new AlignedBuffer(OutputStride);

        float* u = transformedWeights.Pointer;
        Span<double> g = stackalloc double[9];
        Span<double> transformed = stackalloc double[Points];
        for (int o = 0; o < Outputs; o++)
        {
            // Batch norm folded: (conv(x) + bias − mean) / √(var + ε) = conv(x)·s + (bias − mean)·s.
            double scale = 1.0 / Math.Sqrt(weights.Variances[o] + (double)ConvolutionWeights.BatchNormEpsilon);
            biases.Pointer[o] = (float)((weights.Biases[o] - (double)weights.Means[o]) * scale);
            int block = o / PackedGemm.Columns, lane = o % PackedGemm.Columns;
            for (int c = 0; c < Inputs; c++)
            {
                for (int k = 0; k < 9; k++) g[k] = weights.Weights[(o * Inputs + c) * 9 + k] * scale;
                TransformKernel(g, transformed);
                for (int point = 0; point < Points; point++)
                    u[((point * ColumnBlocks + block) * Inputs + c) * PackedGemm.Columns + lane] = (float)transformed[point];
            }
        }
    }

    /// <summary>U = G g Gᵀ: a 3×3 kernel g (row-major) to its 6×6 Winograd transform U (row-major, point i·6 + j).</summary>
    internal static void TransformKernel(ReadOnlySpan<double> g, Span<double> u)
    {
        Span<double> gg = stackalloc double[InputTile * 3];
        // G g: 6×3.
        for (int i = 0; i < InputTile; i++)
            for (int j = 0; j < 3; j++)
                gg[i * 3 + j] = G[i, 0] * g[j] + G[i, 1] * g[3 + j] + G[i, 2] * g[6 + j];
        // (G g) Gᵀ: 6×6.
        for (int i = 0; i < InputTile; i++)
            for (int j = 0; j < InputTile; j++)
                u[i * InputTile + j] = gg[i * 3] * G[j, 0] + gg[i * 3 + 1] * G[j, 1] + gg[i * 3 + 2] * G[j, 2];
    }

    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>Floats per pixel of the network's 18 input planes in the channel-last layout: 18 rounded up to a
    /// vector of 8, the stride the stem reads in inference and in training.</summary>
    public const int InputPlaneStride = 24;

    /// <summary>
    /// Boards one chunk of a batch holds, so that the chunk's Winograd matrices V and M stay in cache. Where a
    /// convolution's transformed weights U and two boards' V and M fit a core's 2 MB L2 (6×64 on 19×19), chunks hold
    /// about 1 MB of V and M: past that a bigger chunk runs slower per position, not faster. Where U alone overflows L2
    /// (10×128: 2.4 MB a layer), it is streamed from L3 once per chunk, so chunks grow to
    /// <paramref name="streamingBytes"/> of V and M to share that stream among more boards.
    /// </summary>
    /// <param name="stride">Floats per pixel of the tower's activations.</param>
    public static int BoardsPerChunk(int boardSize, int stride, long streamingBytes, int maxBoards)
    {
        const long l2 = 2 << 20;
        long perBoard = (long)Points * new TileGrid(boardSize, 1).Tiles * (Math.Max(InputPlaneStride, stride) + stride) * sizeof(float);
        long weights = (long)Points * stride * stride * sizeof(float);
        long budget = weights + 2 * perBoard <= l2 ? 1 << 20 : streamingBytes;
        return (int)Math.Clamp(budget / perBoard, 1, maxBoards);
    }

    /// <summary>
    /// V[ξ][tile][c] = (Bᵀ d B)[ξ] for tiles [begin, end) of the batch, all input channels.
    /// </summary>
    public void TransformInput(float* input, in TileGrid grid, int begin, int end, float* v) =>
        TransformInput(input, InputStride, grid, begin, end, v);

    /// <summary>
    /// The input transform for activations of <paramref name="stride"/> floats per pixel (a multiple of 8): what
    /// the trainer's convolutions share with inference.
    /// </summary>
    public static void TransformInput(float* input, int stride, in TileGrid grid, int begin, int end, float* v)
    {
        if (Avx512F.IsSupported && stride % 16 == 0)
        {
            TransformInput512(input, stride, grid, begin, end, v);
            return;
        }
        nint pointStride = (nint)grid.Tiles * stride;
        var d = stackalloc Vector256<float>[Points];
        for (int tile = begin; tile < end; tile++)
        {
            float* origin = input + grid.TileOrigin(tile) * stride;
            float* target = v + (nint)tile * stride;
            for (int group = 0; group < stride; group += 8)
            {
                // Bᵀ d down each column j.
                for (int j = 0; j < InputTile; j++)
                {
                    float* column = origin + j * stride + group;
                    nint row = (nint)grid.Width * stride;
                    TransformInputLine(
                        Vector256.Load(column), Vector256.Load(column + row), Vector256.Load(column + 2 * row),
                        Vector256.Load(column + 3 * row), Vector256.Load(column + 4 * row), Vector256.Load(column + 5 * row),
                        out d[j], out d[6 + j], out d[12 + j], out d[18 + j], out d[24 + j], out d[30 + j]);
                }
                // (Bᵀ d) B along each row i.
                for (int i = 0; i < InputTile; i++)
                {
                    var r = d + i * InputTile;
                    TransformInputLine(r[0], r[1], r[2], r[3], r[4], r[5],
                        out var v0, out var v1, out var v2, out var v3, out var v4, out var v5);
                    float* point = target + i * InputTile * pointStride + group;
                    v0.Store(point);
                    v1.Store(point + pointStride);
                    v2.Store(point + 2 * pointStride);
                    v3.Store(point + 3 * pointStride);
                    v4.Store(point + 4 * pointStride);
                    v5.Store(point + 5 * pointStride);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformInputLine(
        Vector256<float> x0, Vector256<float> x1, Vector256<float> x2, Vector256<float> x3, Vector256<float> x4, Vector256<float> x5,
        out Vector256<float> r0, out Vector256<float> r1, out Vector256<float> r2, out Vector256<float> r3, out Vector256<float> r4, out Vector256<float> r5)
    {
        var four = Vector256.Create(4f);
        var five = Vector256.Create(5f);
        var two = Vector256.Create(2f);
        r0 = four * x0 - five * x2 + x4;
        r1 = x3 + x4 - four * (x1 + x2);
        r2 = four * (x1 - x2) - x3 + x4;
        r3 = two * (x3 - x1) - x2 + x4;
        r4 = two * (x1 - x3) - x2 + x4;
        r5 = four * x1 - five * x3 + x5;
    }

    /// <summary>
    /// M[ξ][tile] = V[ξ][tile] · U[ξ] for tiles [begin, end), all outputs. Blocks of rows go outside the blocks of
    /// columns so that a block of V (rows × inputs, a few KB) is read from L1 by every column panel, while U(ξ) — up
    /// to 64 KB at 128 filters — stays in L2 across the row blocks.
    /// </summary>
    public void Multiply(float* v, in TileGrid grid, int begin, int end, float* m) => Multiply(v, grid, begin, end, 0, ColumnBlocks, m);

    /// <summary>The products for tiles [begin, end) and output blocks [firstBlock, endBlock) of 16 channels.</summary>
    public void Multiply(float* v, in TileGrid grid, int begin, int end, int firstBlock, int endBlock, float* m)
    {
        nint tiles = grid.Tiles;
        int panel = Inputs * PackedGemm.Columns, rowBlock = PackedGemm.RowBlock;
        for (int point = 0; point < Points; point++)
        {
            float* u = transformedWeights.Pointer + (nint)point * ColumnBlocks * panel;
            for (int row = begin, rows; row < end; row += rows)
            {
                rows = Math.Min(rowBlock, end - row);
                // A small remainder joins the last block rather than running alone (25 tiles = 12 + 13 rows).
                if (end - row - rows < 4) rows = end - row;
                float* a = v + (point * tiles + row) * InputStride;
                float* c = m + (point * tiles + row) * OutputStride;
                for (int block = firstBlock; block < endBlock; block++)
                    PackedGemm.Multiply(a, InputStride, u + (nint)block * panel, Inputs, c + block * PackedGemm.Columns, OutputStride, rows);
            }
        }
    }

    /// <summary>
    /// Y = Aᵀ M A + bias (+ residual), ReLU (unless built unrectified), for tiles [begin, end) and all outputs, written to the
    /// on-board pixels of <paramref name="output"/> (same layout as the input, stride <see cref="OutputStride"/>).
    /// </summary>
    public void TransformOutput(float* m, in TileGrid grid, int begin, int end, float* output, float* residual) =>
        TransformOutput(m, grid, begin, end, 0, ColumnBlocks, output, residual);

    /// <summary>The output transform for tiles [begin, end) and output blocks [firstBlock, endBlock).</summary>
    public void TransformOutput(float* m, in TileGrid grid, int begin, int end, int firstBlock, int endBlock, float* output, float* residual)
    {
        if (Avx512F.IsSupported)
        {
            TransformOutput512(m, grid, begin, end, firstBlock, endBlock, output, residual);
            return;
        }
        int stride = OutputStride;
        nint pointStride = (nint)grid.Tiles * stride;
        var t = stackalloc Vector256<float>[OutputTile * InputTile];
        var lowest = Vector256.Create(floor);
        for (int tile = begin; tile < end; tile++)
        {
            grid.TilePosition(tile, out int tileY, out int tileX);
            int rows = Math.Min(OutputTile, grid.BoardSize - tileY * OutputTile);
            int columns = Math.Min(OutputTile, grid.BoardSize - tileX * OutputTile);
            // Pixel (4ty + i, 4tx + j) of the board lies at padded (4ty + i + 1, 4tx + j + 1).
            nint origin = grid.TileOrigin(tile) + grid.Width + 1;
            for (int group = firstBlock * PackedGemm.Columns; group < endBlock * PackedGemm.Columns; group += 8)
            {
                float* source = m + tile * stride + group;
                // Aᵀ M down each column j.
                for (int j = 0; j < InputTile; j++)
                {
                    float* column = source + j * pointStride;
                    nint row = InputTile * pointStride;
                    TransformOutputLine(
                        Vector256.Load(column), Vector256.Load(column + row), Vector256.Load(column + 2 * row),
                        Vector256.Load(column + 3 * row), Vector256.Load(column + 4 * row), Vector256.Load(column + 5 * row),
                        out t[j], out t[6 + j], out t[12 + j], out t[18 + j]);
                }
                var bias = Vector256.Load(biases.Pointer + group);
                for (int i = 0; i < rows; i++)
                {
                    var r = t + i * InputTile;
                    TransformOutputLine(r[0], r[1], r[2], r[3], r[4], r[5], out var y0, out var y1, out var y2, out var y3);
                    nint pixel = (origin + i * grid.Width) * stride + group;
                    Store(y0, 0);
                    if (columns > 1) Store(y1, 1);
                    if (columns > 2) Store(y2, 2);
                    if (columns > 3) Store(y3, 3);

                    void Store(Vector256<float> y, int j)
                    {
                        nint at = pixel + j * stride;
                        y += bias;
                        if (residual != null) y += Vector256.Load(residual + at);
                        Vector256.Max(y, lowest).Store(output + at);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TransformOutputLine(
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
        out Vector256<float> y0, out Vector256<float> y1, out Vector256<float> y2, out Vector256<float> y3)
    {
        var sum12 = m1 + m2;
        var difference12 = m1 - m2;
        var sum34 = m3 + m4;
        var difference34 = m3 - m4;
        y0 = m0 + sum12 + sum34;
        y1 = difference12 + Vector256.Create(2f) * difference34;
        y2 = sum12 + Vector256.Create(4f) * sum34;
        y3 = difference12 + Vector256.Create(8f) * difference34 + m5;
    }
    // The same transforms on 512-bit vectors: 16 channels at a time where AVX-512 is there.

    private static void TransformInput512(float* input, int stride, in TileGrid grid, int begin, int end, float* v)
    {
        nint pointStride = (nint)grid.Tiles * stride;
        var d = stackalloc Vector512<float>[Points];
        for (int tile = begin; tile < end; tile++)
        {
            float* origin = input + grid.TileOrigin(tile) * stride;
            float* target = v + (nint)tile * stride;
            for (int group = 0; group < stride; group += 16)
            {
                // Bᵀ d down each column j.
                for (int j = 0; j < InputTile; j++)
                {
                    float* column = origin + j * stride + group;
                    nint row = (nint)grid.Width * stride;
                    TransformInputLine(
                        Vector512.Load(column), Vector512.Load(column + row), Vector512.Load(column + 2 * row),
                        Vector512.Load(column + 3 * row), Vector512.Load(column + 4 * row), Vector512.Load(column + 5 * row),
                        out d[j], out d[6 + j], out d[12 + j], out d[18 + j], out d[24 + j], out d[30 + j]);
                }
                // (Bᵀ d) B along each row i.
                for (int i = 0; i < InputTile; i++)
                {
                    var r = d + i * InputTile;
                    TransformInputLine(r[0], r[1], r[2], r[3], r[4], r[5],
                        out var v0, out var v1, out var v2, out var v3, out var v4, out var v5);
                    float* point = target + i * InputTile * pointStride + group;
                    v0.Store(point);
                    v1.Store(point + pointStride);
                    v2.Store(point + 2 * pointStride);
                    v3.Store(point + 3 * pointStride);
                    v4.Store(point + 4 * pointStride);
                    v5.Store(point + 5 * pointStride);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformInputLine(
        Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3, Vector512<float> x4, Vector512<float> x5,
        out Vector512<float> r0, out Vector512<float> r1, out Vector512<float> r2, out Vector512<float> r3, out Vector512<float> r4, out Vector512<float> r5)
    {
        var four = Vector512.Create(4f);
        var five = Vector512.Create(5f);
        var two = Vector512.Create(2f);
        r0 = four * x0 - five * x2 + x4;
        r1 = x3 + x4 - four * (x1 + x2);
        r2 = four * (x1 - x2) - x3 + x4;
        r3 = two * (x3 - x1) - x2 + x4;
        r4 = two * (x1 - x3) - x2 + x4;
        r5 = four * x1 - five * x3 + x5;
    }

    /// <summary>The output transform on 512-bit vectors.</summary>
    private void TransformOutput512(float* m, in TileGrid grid, int begin, int end, int firstBlock, int endBlock, float* output, float* residual)
    {
        int stride = OutputStride;
        nint pointStride = (nint)grid.Tiles * stride;
        var t = stackalloc Vector512<float>[OutputTile * InputTile];
        var lowest = Vector512.Create(floor);
        for (int tile = begin; tile < end; tile++)
        {
            grid.TilePosition(tile, out int tileY, out int tileX);
            int rows = Math.Min(OutputTile, grid.BoardSize - tileY * OutputTile);
            int columns = Math.Min(OutputTile, grid.BoardSize - tileX * OutputTile);
            // Pixel (4ty + i, 4tx + j) of the board lies at padded (4ty + i + 1, 4tx + j + 1).
            nint origin = grid.TileOrigin(tile) + grid.Width + 1;
            for (int group = firstBlock * PackedGemm.Columns; group < endBlock * PackedGemm.Columns; group += 16)
            {
                float* source = m + tile * stride + group;
                // Aᵀ M down each column j.
                for (int j = 0; j < InputTile; j++)
                {
                    float* column = source + j * pointStride;
                    nint row = InputTile * pointStride;
                    TransformOutputLine(
                        Vector512.Load(column), Vector512.Load(column + row), Vector512.Load(column + 2 * row),
                        Vector512.Load(column + 3 * row), Vector512.Load(column + 4 * row), Vector512.Load(column + 5 * row),
                        out t[j], out t[6 + j], out t[12 + j], out t[18 + j]);
                }
                var bias = Vector512.Load(biases.Pointer + group);
                for (int i = 0; i < rows; i++)
                {
                    var r = t + i * InputTile;
                    TransformOutputLine(r[0], r[1], r[2], r[3], r[4], r[5], out var y0, out var y1, out var y2, out var y3);
                    nint pixel = (origin + i * grid.Width) * stride + group;
                    Store(y0, 0);
                    if (columns > 1) Store(y1, 1);
                    if (columns > 2) Store(y2, 2);
                    if (columns > 3) Store(y3, 3);

                    void Store(Vector512<float> y, int j)
                    {
                        nint at = pixel + j * stride;
                        y += bias;
                        if (residual != null) y += Vector512.Load(residual + at);
                        Vector512.Max(y, lowest).Store(output + at);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformOutputLine(
        Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
        out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
    {
        var sum12 = m1 + m2;
        var difference12 = m1 - m2;
        var sum34 = m3 + m4;
        var difference34 = m3 - m4;
        y0 = m0 + sum12 + sum34;
        y1 = difference12 + Vector512.Create(2f) * difference34;
        y2 = sum12 + Vector512.Create(4f) * sum34;
        y3 = difference12 + Vector512.Create(8f) * difference34 + m5;
    }
}
