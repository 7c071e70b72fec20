using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// A zero-initialised float array on the pinned object heap whose <see cref="Pointer"/> is 64-byte aligned, so that
/// the kernels' 32- and 64-byte vector loads never straddle a cache line and the address never moves.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private const int AlignmentFloats = 16;

    // Held only to keep the pinned array alive; all access goes through Pointer.
    private readonly float[] storage;

    public int Length { get; }
    public float* Pointer { get; }

    public AlignedBuffer(int length)
    {
        Length = length;
        storage = GC.AllocateArray<float>(length + AlignmentFloats, pinned: true);
        float* start = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        nint misalignment = (nint)start & (AlignmentFloats * sizeof(float) - 1);
        Pointer = misalignment == 0 ? start : (float*)((byte*)start + (AlignmentFloats * sizeof(float) - misalignment));
    }

    public Span<float> Span => new(Pointer, Length);

    /// <summary>Copies <paramref name="values"/> into a new aligned buffer of at least <paramref name="length"/> floats.</summary>
    public static AlignedBuffer From(ReadOnlySpan<float> values, int length = -1)
    {
        var buffer = new AlignedBuffer(Math.Max(length, values.Length));
        values.CopyTo(buffer.Span);
        return buffer;
    }
}
