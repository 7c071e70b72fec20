using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// A 3×3 convolution being trained: its weights change every step, so nothing is folded into it (no batch norm, no
/// bias, no ReLU — the trainer applies those). Forward pass, data gradient and weight gradient all run in the Winograd
/// F(4×4, 3×3) domain of <see cref="WinogradConvolution"/>, each a register-blocked matrix product:
/// <code>
///   forward        M(ξ)  = V(ξ) · U(ξ)           Y  = Aᵀ M A           (V = Bᵀ d B, U = G g Gᵀ)
///   data gradient  dM(ξ) = A dY Aᵀ,  dV(ξ) = dM(ξ) · U(ξ)ᵀ,  dX = B dV Bᵀ summed over the overlapping tiles
///   weight grad.   dU(ξ) = Σ_tiles V(ξ)ᵀ · dM(ξ),  dW = Gᵀ dU G
/// </code>
/// — the exact adjoints of the forward transforms, so the gradients are those of the function the forward pass
/// computes. The weight gradient's product is 36 Cin×Cout matrices with depth = tiles, about 4× fewer multiply-adds
/// than the direct 9 Cin×Cout matrices with depth = pixels (a 19×19 board is 25 tiles, 361 pixels).
/// </summary>
/// <remarks>Activations are channel-last in <see cref="TileGrid"/>'s padded layout, like inference.</remarks>
internal sealed unsafe class TrainableConvolution
{
    private const int Points = WinogradConvolution.Points;
    private const int Tile = WinogradConvolution.InputTile;
    private const int Columns = PackedGemm.Columns;

    // Tiles per block of the weight gradient's depth: a block of V (≤ 128 KB) and of dM (16 KB) stay in L2.
    private const int DepthBlock = 256;

    private static readonly double[,] G = WinogradConvolution.G;

    // U packed for the forward product: [ξ][output block][input][16 outputs].
    private readonly AlignedBuffer forwardPanels;
    // Uᵀ packed for the data gradient's product: [ξ][input block][output][16 inputs].
    private readonly AlignedBuffer backwardPanels;
    // dU: [ξ][input][OutputStride].
    private readonly AlignedBuffer transformedGradient;

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Floats per pixel of the input activations (a multiple of 8).</summary>
    public int InputStride { get; }

    /// <summary>Floats per pixel of the outputs and their gradients: <see cref="Outputs"/> rounded up to 16.</summary>
    public int OutputStride { get; }

    /// <summary>Floats per transformed tile point of the data gradient: <see cref="Inputs"/> rounded up to 16.</summary>
    public int DataGradientStride { get; }

    public int OutputBlocks => OutputStride / Columns;
    private int InputBlocks => DataGradientStride / Columns;

    /// <summary>Units of <see cref="WeightGradient"/>: one per transformed point and block of 16 outputs.</summary>
    public int WeightGradientUnits => Points * OutputBlocks;

    public TrainableConvolution(int inputs, int outputs, int inputStride)
    {
        if (inputStride < inputs || inputStride % 8 != 0) throw new ArgumentOutOfRangeException(nameof(inputStride));
        Inputs = inputs;
        Outputs = outputs;
        InputStride = inputStride;
        OutputStride = WinogradConvolution.RoundUp(outputs, Columns);
        DataGradientStride = WinogradConvolution.RoundUp(inputs, Columns);
        forwardPanels = new AlignedBuffer(Points * OutputStride * inputs);
        backwardPanels = new AlignedBuffer(Points * DataGradientStride * outputs);
        transformedGradient = new AlignedBuffer(Points * inputs * OutputStride);
    }

    /// <summary>U = G g Gᵀ of the weights [out][in][3][3] for outputs [firstOutput, endOutput), packed both ways.</summary>
    public void SetWeights(float[] weights, int firstOutput, int endOutput)
    {
        Span<double> g = stackalloc double[9];
        Span<double> transformed = stackalloc double[Points];
        float* forward = forwardPanels.Pointer, backward = backwardPanels.Pointer;
        for (int o = firstOutput; o < endOutput; o++)
        {
            int outputBlock = o / Columns, outputLane = o % Columns;
            for (int c = 0; c < Inputs; c++)
            {
                int inputBlock = c / Columns, inputLane = c % Columns;
                for (int k = 0; k < 9; k++) g[k] = weights[(o * Inputs + c) * 9 + k];
                WinogradConvolution.TransformKernel(g, transformed);
                for (int point = 0; point < Points; point++)
                {
                    float value = (float)transformed[point];
                    forward[((nint)(point * OutputBlocks + outputBlock) * Inputs + c) * Columns + outputLane] = value;
                    backward[((nint)(point * InputBlocks + inputBlock) * Outputs + o) * Columns + inputLane] = value;
                }
            }
        }
    }

    /// <summary>
    /// Y = conv(X) for every tile of <paramref name="grid"/>, written to the on-board pixels of
    /// <paramref name="output"/> (stride <see cref="OutputStride"/>). <paramref name="v"/> and <paramref name="m"/>
    /// are scratch of <see cref="ScratchLength"/> floats.
    /// </summary>
    public void Forward(float* input, in TileGrid grid, float* v, float* m, float* output)
    {
        int tiles = grid.Tiles;
        WinogradConvolution.TransformInput(input, InputStride, grid, 0, tiles, v);
        MultiplyPoints(v, InputStride, tiles, forwardPanels.Pointer, Inputs, OutputBlocks, m, OutputStride);
        TransformOutput(m, grid, output);
    }

    /// <summary>Floats of V, M or dV scratch a grid of <paramref name="tiles"/> needs.</summary>
    public int ScratchLength(int tiles) => Points * tiles * Math.Max(Math.Max(InputStride, OutputStride), DataGradientStride);

    /// <summary>
    /// The adjoint of the output transform, dM = A dY Aᵀ, for tiles [begin, end) of <paramref name="grid"/>:
    /// <paramref name="outputGradient"/> is dL/dY in the padded layout (zero off the board),
    /// <paramref name="dm"/> is [ξ][grid.Tiles][OutputStride].
    /// </summary>
    public void TransformOutputGradient(float* outputGradient, in TileGrid grid, int begin, int end, float* dm)
    {
        int stride = OutputStride;
        nint pointStride = (nint)grid.Tiles * stride;
        nint row = (nint)grid.Width * stride;
        var t = stackalloc Vector256<float>[4 * Tile];
        for (int tile = begin; tile < end; tile++)
        {
            // Output pixel (i, j) of the tile lies at padded (4ty + i + 1, 4tx + j + 1).
            float* origin = outputGradient + (grid.TileOrigin(tile) + grid.Width + 1) * stride;
            for (int group = 0; group < stride; group += 8)
            {
                for (int i = 0; i < 4; i++)
                {
                    float* line = origin + i * row + group;
                    OutputAdjointLine(Vector256.Load(line), Vector256.Load(line + stride), Vector256.Load(line + 2 * stride), Vector256.Load(line + 3 * stride),
                        out t[i * Tile], out t[i * Tile + 1], out t[i * Tile + 2], out t[i * Tile + 3], out t[i * Tile + 4], out t[i * Tile + 5]);
                }
                float* target = dm + (nint)tile * stride + group;
                for (int j = 0; j < Tile; j++)
                {
                    OutputAdjointLine(t[j], t[Tile + j], t[2 * Tile + j], t[3 * Tile + j],
                        out var m0, out var m1, out var m2, out var m3, out var m4, out var m5);
                    m0.Store(target + j * pointStride);
                    m1.Store(target + (Tile + j) * pointStride);
                    m2.Store(target + (2 * Tile + j) * pointStride);
                    m3.Store(target + (3 * Tile + j) * pointStride);
                    m4.Store(target + (4 * Tile + j) * pointStride);
                    m5.Store(target + (5 * Tile + j) * pointStride);
                }
            }
        }
    }

    /// <summary>
    /// dL/dX for every tile of <paramref name="grid"/> from dM ([ξ][<paramref name="dmTiles"/>][OutputStride], the
    /// grid's tiles at rows [<paramref name="dmFirstTile"/>, +grid.Tiles)): dV = dM · Uᵀ into the scratch
    /// <paramref name="dv"/>, then B dV Bᵀ added into the 6×6 input windows of <paramref name="inputGradient"/>
    /// (stride <see cref="InputStride"/>). Windows overlap and reach into the border, so the caller either zeroes
    /// the grid's boards first or accumulates onto a gradient already there; border pixels end up meaningless.
    /// </summary>
    public void DataGradient(float* dm, int dmTiles, int dmFirstTile, in TileGrid grid, float* dv, float* inputGradient)
    {
        int tiles = grid.Tiles, dvStride = DataGradientStride;
        float* panels = backwardPanels.Pointer;
        int panel = Outputs * Columns;
        for (int point = 0; point < Points; point++)
        {
            float* a = dm + ((nint)point * dmTiles + dmFirstTile) * OutputStride;
            float* c = dv + (nint)point * tiles * dvStride;
            float* u = panels + (nint)point * InputBlocks * panel;
            MultiplyRows(a, OutputStride, tiles, u, panel, Outputs, 0, InputBlocks, c, dvStride);
        }
        TransformInputGradient(dv, grid, inputGradient);
    }

    private void TransformInputGradient(float* dv, in TileGrid grid, float* inputGradient)
    {
        int stride = InputStride, dvStride = DataGradientStride;
        nint pointStride = (nint)grid.Tiles * dvStride;
        nint row = (nint)grid.Width * stride;
        var t = stackalloc Vector256<float>[Points];
        for (int tile = 0; tile < grid.Tiles; tile++)
        {
            float* origin = inputGradient + grid.TileOrigin(tile) * stride;
            float* source = dv + (nint)tile * dvStride;
            for (int group = 0; group < stride; group += 8)
            {
                // Bᵀ applied to the adjoint along each row i of dV…
                for (int i = 0; i < Tile; i++)
                {
                    float* point = source + i * Tile * pointStride + group;
                    InputAdjointLine(Vector256.Load(point), Vector256.Load(point + pointStride), Vector256.Load(point + 2 * pointStride),
                        Vector256.Load(point + 3 * pointStride), Vector256.Load(point + 4 * pointStride), Vector256.Load(point + 5 * pointStride),
                        out t[i * Tile], out t[i * Tile + 1], out t[i * Tile + 2], out t[i * Tile + 3], out t[i * Tile + 4], out t[i * Tile + 5]);
                }
                // …then down each column j, added into the window.
                for (int j = 0; j < Tile; j++)
                {
                    InputAdjointLine(t[j], t[Tile + j], t[2 * Tile + j], t[3 * Tile + j], t[4 * Tile + j], t[5 * Tile + j],
                        out var x0, out var x1, out var x2, out var x3, out var x4, out var x5);
                    float* column = origin + j * stride + group;
                    Add(column, x0);
                    Add(column + row, x1);
                    Add(column + 2 * row, x2);
                    Add(column + 3 * row, x3);
                    Add(column + 4 * row, x4);
                    Add(column + 5 * row, x5);
                }
            }
        }

        static void Add(float* at, Vector256<float> value) => (Vector256.Load(at) + value).Store(at);
    }

    /// <summary>
    /// One unit of the weight gradient: dU(ξ) for one block of 16 outputs, summed over all
    /// <paramref name="tiles"/> tiles of V ([ξ][tiles][InputStride], from <see cref="WinogradConvolution.TransformInput(float*, int, in TileGrid, int, int, float*)"/>)
    /// and dM ([ξ][tiles][OutputStride]), in a fixed order of depth blocks.
    /// </summary>
    public void WeightGradient(float* v, float* dm, int tiles, int unit)
    {
        int point = unit / OutputBlocks, block = unit % OutputBlocks;
        float* c = transformedGradient.Pointer + (nint)point * Inputs * OutputStride + block * Columns;
        for (int row = 0; row < Inputs; row++) Vector512<float>.Zero.Store(c + (nint)row * OutputStride);
        float* a = v + (nint)point * tiles * InputStride;
        float* b = dm + (nint)point * tiles * OutputStride + block * Columns;
        for (int first = 0; first < tiles; first += DepthBlock)
        {
            int depth = Math.Min(DepthBlock, tiles - first);
            PackedGemm.MultiplyAddTransposed(a + (nint)first * InputStride, InputStride, b + (nint)first * OutputStride, OutputStride, depth, c, OutputStride, Inputs);
        }
    }

    /// <summary>
    /// dW = Gᵀ dU G into <paramref name="gradient"/> [out][in][3][3] for the 16 outputs of block <paramref name="block"/>,
    /// eight outputs at a time across vector lanes (dU's rows hold the outputs contiguously).
    /// </summary>
    public void FinishWeightGradient(float[] gradient, int block)
    {
        float* du = transformedGradient.Pointer;
        var t = stackalloc Vector256<float>[Points];
        var partial = stackalloc Vector256<float>[3 * Tile];
        var result = stackalloc float[9 * 8];
        for (int group = block * Columns; group < Math.Min(Outputs, (block + 1) * Columns); group += 8)
        {
            int lanes = Math.Min(8, Outputs - group);
            for (int c = 0; c < Inputs; c++)
            {
                for (int point = 0; point < Points; point++) t[point] = Vector256.Load(du + ((nint)point * Inputs + c) * OutputStride + group);
                // (Gᵀ dU): 3×6, then · G: 3×3.
                for (int a = 0; a < 3; a++)
                {
                    for (int j = 0; j < Tile; j++)
                    {
                        var sum = Vector256<float>.Zero;
                        for (int i = 0; i < Tile; i++)
                            if (G[i, a] != 0) sum += Vector256.Create((float)G[i, a]) * t[i * Tile + j];
                        partial[a * Tile + j] = sum;
                    }
                }
                for (int a = 0; a < 3; a++)
                {
                    for (int b = 0; b < 3; b++)
                    {
                        var sum = Vector256<float>.Zero;
                        for (int j = 0; j < Tile; j++)
                            if (G[j, b] != 0) sum += partial[a * Tile + j] * Vector256.Create((float)G[j, b]);
                        sum.Store(result + (a * 3 + b) * 8);
                    }
                }
                for (int lane = 0; lane < lanes; lane++)
                    for (int k = 0; k < 9; k++) gradient[((group + lane) * Inputs + c) * 9 + k] = result[k * 8 + lane];
            }
        }
    }

    /// <summary>Y = Aᵀ M A, no bias and no ReLU, for every tile; off-board outputs of edge tiles are not written.</summary>
    private void TransformOutput(float* m, in TileGrid grid, float* output)
    {
        int stride = OutputStride;
        nint pointStride = (nint)grid.Tiles * stride;
        var t = stackalloc Vector256<float>[4 * Tile];
        for (int tile = 0; tile < grid.Tiles; tile++)
        {
            grid.TilePosition(tile, out int tileY, out int tileX);
            int rows = Math.Min(4, grid.BoardSize - tileY * 4);
            int columns = Math.Min(4, grid.BoardSize - tileX * 4);
            nint origin = grid.TileOrigin(tile) + grid.Width + 1;
            for (int group = 0; group < stride; group += 8)
            {
                float* source = m + (nint)tile * stride + group;
                for (int j = 0; j < Tile; j++)
                {
                    float* column = source + j * pointStride;
                    nint row = Tile * pointStride;
                    WinogradConvolution.TransformOutputLine(
                        Vector256.Load(column), Vector256.Load(column + row), Vector256.Load(column + 2 * row),
                        Vector256.Load(column + 3 * row), Vector256.Load(column + 4 * row), Vector256.Load(column + 5 * row),
                        out t[j], out t[6 + j], out t[12 + j], out t[18 + j]);
                }
                for (int i = 0; i < rows; i++)
                {
                    var r = t + i * Tile;
                    WinogradConvolution.TransformOutputLine(r[0], r[1], r[2], r[3], r[4], r[5], out var y0, out var y1, out var y2, out var y3);
                    float* pixel = output + (origin + i * grid.Width) * stride + group;
                    y0.Store(pixel);
                    if (columns > 1) y1.Store(pixel + stride);
                    if (columns > 2) y2.Store(pixel + 2 * stride);
                    if (columns > 3) y3.Store(pixel + 3 * stride);
                }
            }
        }
    }

    /// <summary>C(ξ) = A(ξ) · panels(ξ) for every point ξ: A [ξ][tiles][lda], C [ξ][tiles][ldc].</summary>
    private static void MultiplyPoints(float* a, int lda, int tiles, float* panels, int depth, int blocks, float* c, int ldc)
    {
        int panel = depth * Columns;
        for (int point = 0; point < Points; point++)
            MultiplyRows(a + (nint)point * tiles * lda, lda, tiles, panels + (nint)point * blocks * panel, panel, depth, 0, blocks, c + (nint)point * tiles * ldc, ldc);
    }

    private static void MultiplyRows(float* a, int lda, int rowCount, float* panels, int panel, int depth, int firstBlock, int endBlock, float* c, int ldc)
    {
        for (int row = 0, rows; row < rowCount; row += rows)
        {
            rows = Math.Min(PackedGemm.RowBlock, rowCount - row);
            // A small remainder joins the last block rather than running alone (25 tiles = 12 + 13 rows).
            if (rowCount - row - rows < 4) rows = rowCount - row;
            for (int block = firstBlock; block < endBlock; block++)
                PackedGemm.Multiply(a + (nint)row * lda, lda, panels + (nint)block * panel, depth, c + (nint)row * ldc + block * Columns, ldc, rows);
        }
    }

    /// <summary>The adjoint of <see cref="WinogradConvolution.TransformOutputLine(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float}, out Vector256{float}, out Vector256{float})"/>: 4 → 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputAdjointLine(Vector256<float> y0, Vector256<float> y1, Vector256<float> y2, Vector256<float> y3,
        out Vector256<float> m0, out Vector256<float> m1, out Vector256<float> m2, out Vector256<float> m3, out Vector256<float> m4, out Vector256<float> m5)
    {
        var sum02 = y0 + y2;
        var sum13 = y1 + y3;
        var two = Vector256.Create(2f);
        var four = Vector256.Create(4f);
        var eight = Vector256.Create(8f);
        m0 = y0;
        m1 = sum02 + sum13;
        m2 = sum02 - sum13;
        var even = y0 + four * y2;
        var odd = two * y1 + eight * y3;
        m3 = even + odd;
        m4 = even - odd;
        m5 = y3;
    }

    /// <summary>The adjoint of the input transform's line Bᵀ x: 6 → 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputAdjointLine(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, Vector256<float> r4, Vector256<float> r5,
        out Vector256<float> x0, out Vector256<float> x1, out Vector256<float> x2, out Vector256<float> x3, out Vector256<float> x4, out Vector256<float> x5)
    {
        var two = Vector256.Create(2f);
        var four = Vector256.Create(4f);
        var five = Vector256.Create(5f);
        x0 = four * r0;
        x1 = four * (r2 - r1 + r5) + two * (r4 - r3);
        x2 = -(five * r0 + four * (r1 + r2) + r3 + r4);
        x3 = r1 - r2 + two * (r3 - r4) - five * r5;
        x4 = r0 + r1 + r2 + r3 + r4;
        x5 = r5;
    }
}
