using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GoZero.Network.Simd;

/// <summary>
/// One trainable parameter tensor with its gradient and its momentum buffer, in pinned arrays so that the kernels
/// address them by pointer. Its <see cref="Name"/> names it in checkpoints ("momentum/" + name).
/// </summary>
internal sealed unsafe class TrainableTensor
{
    public TrainableTensor(string name, ReadOnlySpan<float> initial)
    {
        Name = name;
        Values = GC.AllocateArray<float>(initial.Length, pinned: true);
        Gradient = GC.AllocateArray<float>(initial.Length, pinned: true);
        Momentum = GC.AllocateArray<float>(initial.Length, pinned: true);
        initial.CopyTo(Values);
    }

    public string Name { get; }
    public float[] Values { get; }

    /// <summary>The data loss's gradient (without the c‖θ‖² term) from the last step.</summary>
    public float[] Gradient { get; }

    public float[] Momentum { get; }

    public int Length => Values.Length;
    public float* ValuesPointer => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Values));
    public float* GradientPointer => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Gradient));

    /// <summary>v ← μ·v + (g + 2c·θ), θ ← θ − η·v (see <see cref="TrainingOptions"/>).</summary>
    public void Update(float learningRate, float momentum, float twiceWeightDecay)
    {
        var values = Values;
        var gradient = Gradient;
        var velocity = Momentum;
        for (int i = 0; i < values.Length; i++)
        {
            float v = momentum * velocity[i] + (gradient[i] + twiceWeightDecay * values[i]);
            velocity[i] = v;
            values[i] -= learningRate * v;
        }
    }

    /// <summary>‖θ‖², summed in double in index order.</summary>
    public double SquaredNorm()
    {
        double sum = 0;
        foreach (float value in Values) sum += (double)value * value;
        return sum;
    }
}
