using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// Register-blocked matrix products C[rows][16] = A[rows][k] · B[k][16] for the Winograd convolution: A is a block
/// of transformed input tiles (rows = tiles, row stride lda, k = input channels), B a packed panel of 16 output
/// channels (k rows of 16 contiguous floats), C rows of output channels with stride ldc. The 6×16 kernel keeps
/// 12 accumulators in registers and per k step broadcasts 6 elements of A against two 8-wide loads of B
/// (the BLIS/GotoBLAS micro-kernel shape for 16 AVX registers).
/// Every kernel accumulates each output in one chain of fused multiply-adds in k order, so an output's value does
/// not depend on which kernel (which block of rows, which batch) computed it: a position evaluates bit for bit the
/// same alone or in any batch, with any thread count.
/// </summary>
/// <remarks>
/// Written on <see cref="Vector256{T}"/>, which the JIT emulates with two 128-bit halves (ARM64) or scalars where
/// it is not accelerated, so the results stay correct everywhere; FMA is used where the CPU has it.
/// </remarks>
internal static unsafe class PackedGemm
{
    public const int Columns = 16;
    public const int Rows = 6;

    /// <summary>Rows the callers hand over at a time: a whole number of blocks for either kernel set.</summary>
    public const int RowBlock = 24;

    // DOTNET_EnableAVX512F=0 turns this off, to measure or test the AVX2 kernels on an AVX-512 machine.
    private static readonly bool UseAvx512 = Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>Six rows of A times a 16-column panel of B.</summary>
    public static void Multiply6x16(float* a, nint lda, float* b, int k, float* c, nint ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda;
        for (nint i = 0; i < k; i++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += Columns;
            var x = Vector256.Create(a0[i]);
            c00 = MultiplyAdd(x, b0, c00);
            c01 = MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[i]);
            c10 = MultiplyAdd(x, b0, c10);
            c11 = MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[i]);
            c20 = MultiplyAdd(x, b0, c20);
            c21 = MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[i]);
            c30 = MultiplyAdd(x, b0, c30);
            c31 = MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[i]);
            c40 = MultiplyAdd(x, b0, c40);
            c41 = MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[i]);
            c50 = MultiplyAdd(x, b0, c50);
            c51 = MultiplyAdd(x, b1, c51);
        }
        c00.Store(c); c01.Store(c + 8); c += ldc;
        c10.Store(c); c11.Store(c + 8); c += ldc;
        c20.Store(c); c21.Store(c + 8); c += ldc;
        c30.Store(c); c31.Store(c + 8); c += ldc;
        c40.Store(c); c41.Store(c + 8); c += ldc;
        c50.Store(c); c51.Store(c + 8);
    }

    /// <summary>Three rows of A times a 16-column panel of B (for the last rows of a block).</summary>
    public static void Multiply3x16(float* a, nint lda, float* b, int k, float* c, nint ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda;
        for (nint i = 0; i < k; i++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += Columns;
            var x = Vector256.Create(a0[i]);
            c00 = MultiplyAdd(x, b0, c00);
            c01 = MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[i]);
            c10 = MultiplyAdd(x, b0, c10);
            c11 = MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[i]);
            c20 = MultiplyAdd(x, b0, c20);
            c21 = MultiplyAdd(x, b1, c21);
        }
        c00.Store(c); c01.Store(c + 8); c += ldc;
        c10.Store(c); c11.Store(c + 8); c += ldc;
        c20.Store(c); c21.Store(c + 8);
    }

    /// <summary>One row of A times a 16-column panel of B.</summary>
    public static void Multiply1x16(float* a, float* b, int k, float* c)
    {
        Vector256<float> c00 = default, c01 = default;
        for (nint i = 0; i < k; i++)
        {
            var x = Vector256.Create(a[i]);
            c00 = MultiplyAdd(x, Vector256.Load(b), c00);
            c01 = MultiplyAdd(x, Vector256.Load(b + 8), c01);
            b += Columns;
        }
        c00.Store(c);
        c01.Store(c + 8);
    }

    /// <summary>
    /// Twelve rows of A times a 16-column panel of B on 512-bit vectors: 12 accumulators, one load of B and twelve
    /// broadcasts per k step (AVX-512 has 32 registers, so the block can be twice as tall as the AVX2 one).
    /// </summary>
    public static void Multiply12x16(float* a, nint lda, float* b, int k, float* c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda;
        float* a6 = a + 6 * lda, a7 = a + 7 * lda, a8 = a + 8 * lda, a9 = a + 9 * lda, a10 = a + 10 * lda, a11 = a + 11 * lda;
        for (nint i = 0; i < k; i++)
        {
            var bv = Vector512.Load(b);
            b += Columns;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[i]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[i]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[i]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[i]), bv, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a4[i]), bv, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a5[i]), bv, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[i]), bv, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a7[i]), bv, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a8[i]), bv, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a9[i]), bv, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a10[i]), bv, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a11[i]), bv, c11);
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
        c8.Store(c + 8 * ldc); c9.Store(c + 9 * ldc); c10.Store(c + 10 * ldc); c11.Store(c + 11 * ldc);
    }

    /// <summary>
    /// Thirteen rows: the 12-row kernel with one more, so that a 19×19 board's 25 tiles are 12 + 13 rows instead of
    /// leaving one row to a kernel that waits on its own FMA latency.
    /// </summary>
    public static void Multiply13x16(float* a, nint lda, float* b, int k, float* c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default, c12 = default;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda;
        float* a6 = a + 6 * lda, a7 = a + 7 * lda, a8 = a + 8 * lda, a9 = a + 9 * lda, a10 = a + 10 * lda, a11 = a + 11 * lda, a12 = a + 12 * lda;
        for (nint i = 0; i < k; i++)
        {
            var bv = Vector512.Load(b);
            b += Columns;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[i]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[i]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[i]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[i]), bv, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a4[i]), bv, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a5[i]), bv, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a6[i]), bv, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a7[i]), bv, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a8[i]), bv, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a9[i]), bv, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a10[i]), bv, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a11[i]), bv, c11);
            c12 = Avx512F.FusedMultiplyAdd(Vector512.Create(a12[i]), bv, c12);
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
        c8.Store(c + 8 * ldc); c9.Store(c + 9 * ldc); c10.Store(c + 10 * ldc); c11.Store(c + 11 * ldc); c12.Store(c + 12 * ldc);
    }

    /// <summary>Four rows of A times a 16-column panel of B on 512-bit vectors.</summary>
    public static void Multiply4x16(float* a, nint lda, float* b, int k, float* c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        for (nint i = 0; i < k; i++)
        {
            var bv = Vector512.Load(b);
            b += Columns;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[i]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[i]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[i]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[i]), bv, c3);
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
    }

    /// <summary>C[rows][16] = A[rows][k] · B[k][16], any number of rows.</summary>
    public static void Multiply(float* a, nint lda, float* b, int k, float* c, nint ldc, int rows)
    {
        int r = 0;
        if (UseAvx512)
        {
            // Blocks of 12 and 13 rows where they add up to the count (25 = 12 + 13, 50 = 12 + 12 + 13 + 13), so
            // that no row is left to a kernel that waits on its own FMA latency.
            int thirteens = rows % 12;
            if (thirteens <= rows / 12)
            {
                for (; thirteens > 0; thirteens--, r += 13) Multiply13x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
                for (; r < rows; r += 12) Multiply12x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
                return;
            }
            for (; r + 12 <= rows; r += 12) Multiply12x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
            for (; r + 4 <= rows; r += 4) Multiply4x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
        }
        for (; r + Rows <= rows; r += Rows) Multiply6x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
        if (r + 3 <= rows)
        {
            Multiply3x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
            r += 3;
        }
        for (; r < rows; r++) Multiply1x16(a + r * lda, b, k, c + r * ldc);
    }
    /// <summary>
    /// C[rows][16] += Aᵀ · B for the trainer's weight gradients, where both operands are stored k-major as the
    /// Winograd buffers are ([tile][channel]): A's element (row r, step i) is at a[i·aStep + r], B's row i at
    /// b + i·ldb. Each output is one chain of fused multiply-adds in k order, continued from the value C holds, so a
    /// fixed blocking of k gives the same bits whichever thread runs it.
    /// </summary>
    public static void MultiplyAddTransposed(float* a, nint aStep, float* b, nint ldb, int k, float* c, nint ldc, int rows)
    {
        int r = 0;
        if (UseAvx512)
        {
            for (; r + 12 <= rows; r += 12) MultiplyAddTransposed12x16(a + r, aStep, b, ldb, k, c + r * ldc, ldc);
            for (; r + 4 <= rows; r += 4) MultiplyAddTransposed4x16(a + r, aStep, b, ldb, k, c + r * ldc, ldc);
        }
        for (; r + Rows <= rows; r += Rows) MultiplyAddTransposed6x16(a + r, aStep, b, ldb, k, c + r * ldc, ldc);
        for (; r < rows; r++) MultiplyAddTransposed1x16(a + r, aStep, b, ldb, k, c + r * ldc);
    }

    private static void MultiplyAddTransposed12x16(float* a, nint aStep, float* b, nint ldb, int k, float* c, nint ldc)
    {
        Vector512<float> c0 = Vector512.Load(c), c1 = Vector512.Load(c + ldc), c2 = Vector512.Load(c + 2 * ldc), c3 = Vector512.Load(c + 3 * ldc);
        Vector512<float> c4 = Vector512.Load(c + 4 * ldc), c5 = Vector512.Load(c + 5 * ldc), c6 = Vector512.Load(c + 6 * ldc), c7 = Vector512.Load(c + 7 * ldc);
        Vector512<float> c8 = Vector512.Load(c + 8 * ldc), c9 = Vector512.Load(c + 9 * ldc), c10 = Vector512.Load(c + 10 * ldc), c11 = Vector512.Load(c + 11 * ldc);
        for (nint i = 0; i < k; i++)
        {
            var bv = Vector512.Load(b);
            b += ldb;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), bv, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), bv, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), bv, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), bv, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), bv, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[8]), bv, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[9]), bv, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[10]), bv, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[11]), bv, c11);
            a += aStep;
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
        c8.Store(c + 8 * ldc); c9.Store(c + 9 * ldc); c10.Store(c + 10 * ldc); c11.Store(c + 11 * ldc);
    }

    private static void MultiplyAddTransposed4x16(float* a, nint aStep, float* b, nint ldb, int k, float* c, nint ldc)
    {
        Vector512<float> c0 = Vector512.Load(c), c1 = Vector512.Load(c + ldc), c2 = Vector512.Load(c + 2 * ldc), c3 = Vector512.Load(c + 3 * ldc);
        for (nint i = 0; i < k; i++)
        {
            var bv = Vector512.Load(b);
            b += ldb;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), bv, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), bv, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), bv, c3);
            a += aStep;
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
    }

    private static void MultiplyAddTransposed6x16(float* a, nint aStep, float* b, nint ldb, int k, float* c, nint ldc)
    {
        Vector256<float> c00 = Vector256.Load(c), c01 = Vector256.Load(c + 8), c10 = Vector256.Load(c + ldc), c11 = Vector256.Load(c + ldc + 8);
        Vector256<float> c20 = Vector256.Load(c + 2 * ldc), c21 = Vector256.Load(c + 2 * ldc + 8), c30 = Vector256.Load(c + 3 * ldc), c31 = Vector256.Load(c + 3 * ldc + 8);
        Vector256<float> c40 = Vector256.Load(c + 4 * ldc), c41 = Vector256.Load(c + 4 * ldc + 8), c50 = Vector256.Load(c + 5 * ldc), c51 = Vector256.Load(c + 5 * ldc + 8);
        for (nint i = 0; i < k; i++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += ldb;
            var x = Vector256.Create(a[0]);
            c00 = MultiplyAdd(x, b0, c00);
            c01 = MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = MultiplyAdd(x, b0, c10);
            c11 = MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = MultiplyAdd(x, b0, c20);
            c21 = MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = MultiplyAdd(x, b0, c30);
            c31 = MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = MultiplyAdd(x, b0, c40);
            c41 = MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = MultiplyAdd(x, b0, c50);
            c51 = MultiplyAdd(x, b1, c51);
            a += aStep;
        }
        c00.Store(c); c01.Store(c + 8); c += ldc;
        c10.Store(c); c11.Store(c + 8); c += ldc;
        c20.Store(c); c21.Store(c + 8); c += ldc;
        c30.Store(c); c31.Store(c + 8); c += ldc;
        c40.Store(c); c41.Store(c + 8); c += ldc;
        c50.Store(c); c51.Store(c + 8);
    }

    private static void MultiplyAddTransposed1x16(float* a, nint aStep, float* b, nint ldb, int k, float* c)
    {
        Vector256<float> c00 = Vector256.Load(c), c01 = Vector256.Load(c + 8);
        for (nint i = 0; i < k; i++)
        {
            var x = Vector256.Create(*a);
            c00 = MultiplyAdd(x, Vector256.Load(b), c00);
            c01 = MultiplyAdd(x, Vector256.Load(b + 8), c01);
            a += aStep;
            b += ldb;
        }
        c00.Store(c);
        c01.Store(c + 8);
    }
}
