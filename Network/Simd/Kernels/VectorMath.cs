using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GoZero.Network.Simd.Kernels;

/// <summary>Dot products for the fully connected layers and the 1×1 head convolutions.</summary>
internal static unsafe class VectorMath
{
    public static float Dot(float* a, float* b, int length)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        var s2 = Vector256<float>.Zero;
        var s3 = Vector256<float>.Zero;
        nint i = 0;
        // Four independent sums hide the FMA latency.
        for (; i + 32 <= length; i += 32)
        {
            s0 = MultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
            s1 = MultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), s1);
            s2 = MultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), s2);
            s3 = MultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), s3);
        }
        for (; i + 8 <= length; i += 8) s0 = MultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
        float sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        for (; i < length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>y += a·x over <paramref name="length"/> floats (element by element: the same bits for any split).</summary>
    public static void MultiplyAdd(float* x, float a, float* y, int length)
    {
        var scale = Vector256.Create(a);
        nint i = 0;
        for (; i + 8 <= length; i += 8) MultiplyAdd(Vector256.Load(x + i), scale, Vector256.Load(y + i)).Store(y + i);
        for (; i < length; i++) y[i] = MathF.FusedMultiplyAdd(x[i], a, y[i]);
    }
}
