using GoZero.Network.Simd.Kernels;

namespace GoZero.Network.Tests.Simd;

/// <summary>
/// Each register-blocked kernel on its own against a plain triple loop, so that paths a given CPU does not choose
/// for whole networks (the AVX2 6×16 block on an AVX-512 machine, the remainders) are still checked.
/// </summary>
public unsafe class PackedGemmTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(18)]
    [InlineData(64)]
    public void EveryKernelComputesTheProductOfItsRows(int depth)
    {
        const int lda = 72, ldc = 48, maxRows = 30;
        var random = new Random(depth);
        var a = new AlignedBuffer(maxRows * lda);
        var b = new AlignedBuffer(depth * PackedGemm.Columns);
        foreach (ref float x in a.Span) x = (float)(random.NextDouble() - 0.5);
        foreach (ref float x in b.Span) x = (float)(random.NextDouble() - 0.5);

        Check(6, c => PackedGemm.Multiply6x16(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc));
        Check(3, c => PackedGemm.Multiply3x16(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc));
        Check(1, c => PackedGemm.Multiply1x16(a.Pointer, b.Pointer, depth, (float*)c));
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            Check(12, c => PackedGemm.Multiply12x16(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc));
            Check(13, c => PackedGemm.Multiply13x16(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc));
            Check(4, c => PackedGemm.Multiply4x16(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc));
        }
        for (int rows = 1; rows <= maxRows; rows++)
        {
            int r = rows;
            Check(r, c => PackedGemm.Multiply(a.Pointer, lda, b.Pointer, depth, (float*)c, ldc, r));
        }

        void Check(int rows, Action<nint> kernel)
        {
            var c = new AlignedBuffer(maxRows * ldc);
            c.Span.Fill(float.NaN);
            kernel((nint)c.Pointer);
            for (int row = 0; row < maxRows; row++)
            {
                for (int column = 0; column < PackedGemm.Columns; column++)
                {
                    float actual = c.Pointer[row * ldc + column];
                    if (row >= rows)
                    {
                        Assert.True(float.IsNaN(actual), $"{rows} rows: row {row} was written");
                        continue;
                    }
                    double expected = 0;
                    for (int i = 0; i < depth; i++) expected += (double)a.Pointer[row * lda + i] * b.Pointer[i * PackedGemm.Columns + column];
                    Assert.True(Math.Abs(expected - actual) < 1e-5, $"{rows} rows, k {depth}: C[{row}][{column}] = {actual}, expected {expected}");
                }
            }
        }
    }
}
