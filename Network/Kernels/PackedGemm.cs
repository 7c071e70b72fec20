using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GoZero.Network.Kernels;

/// <summary>
/// Register-blocked matrix products C[rows][16] = A[rows][k] · B[k][16] for the Winograd convolution: A is a block
/// of transformed input tiles (rows = tiles, row stride lda, k = input channels), B a packed panel of 16 output
/// channels (k rows of 16 contiguous floats), C rows of output channels with stride ldc. The 6×16 kernel keeps
/// 12 accumulators in registers and per k step broadcasts 6 elements of A against two 8-wide loads of B
/// (the BLIS/GotoBLAS micro-kernel shape for 16 AVX registers).
/// </summary>
/// <remarks>
/// Written on <see cref="Vector256{T}"/>, which the JIT emulates with two 128-bit halves (ARM64) or scalars where
/// it is not accelerated, so the results stay correct everywhere; FMA is used where the CPU has it.
/// </remarks>
internal static unsafe class PackedGemm
{
    public const int Columns = 16;
    public const int Rows = 6;

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
        Vector256<float> c00 = default, c01 = default, d00 = default, d01 = default;
        nint i = 0;
        // Two independent accumulator pairs hide the FMA latency.
        for (; i + 1 < k; i += 2)
        {
            var x = Vector256.Create(a[i]);
            c00 = MultiplyAdd(x, Vector256.Load(b), c00);
            c01 = MultiplyAdd(x, Vector256.Load(b + 8), c01);
            var y = Vector256.Create(a[i + 1]);
            d00 = MultiplyAdd(y, Vector256.Load(b + 16), d00);
            d01 = MultiplyAdd(y, Vector256.Load(b + 24), d01);
            b += 2 * Columns;
        }
        if (i < k)
        {
            var x = Vector256.Create(a[i]);
            c00 = MultiplyAdd(x, Vector256.Load(b), c00);
            c01 = MultiplyAdd(x, Vector256.Load(b + 8), c01);
        }
        (c00 + d00).Store(c);
        (c01 + d01).Store(c + 8);
    }

    /// <summary>C[rows][16] = A[rows][k] · B[k][16], any number of rows.</summary>
    public static void Multiply(float* a, nint lda, float* b, int k, float* c, nint ldc, int rows)
    {
        int r = 0;
        for (; r + Rows <= rows; r += Rows) Multiply6x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
        if (r + 3 <= rows)
        {
            Multiply3x16(a + r * lda, lda, b, k, c + r * ldc, ldc);
            r += 3;
        }
        for (; r < rows; r++) Multiply1x16(a + r * lda, b, k, c + r * ldc);
    }
}
