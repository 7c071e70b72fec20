using BenchmarkDotNet.Attributes;
using GoZero.Network;

namespace GoZero.Benchmarks;

/// <summary>
/// One forward pass of a seeded random 19×19 network — what `gozero bench net` measures, under BenchmarkDotNet's
/// statistics. Divide the batch by the mean time for evaluations per second.
/// </summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private IInferenceModel net = null!;
    private float[] planes = null!, logits = null!, values = null!;

    [Params("6x64", "10x128")]
    public string Network { get; set; } = "6x64";

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(1, 8, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Network.Split('x');
        var shape = new NetworkShape(19, int.Parse(parts[0]), int.Parse(parts[1]));
        net = ModelFactory.OpenInference(NetworkWeights.Random(shape, seed: 1), Threads, ModelBackend.Simd);
        var random = new Random(1);
        planes = new float[Batch * NetworkShape.InputPlanes * shape.Area];
        for (int i = 0; i < planes.Length; i++) planes[i] = random.Next(3) == 0 ? 1f : 0f;
        logits = new float[Batch * shape.PolicySize];
        values = new float[Batch];
    }

    [GlobalCleanup]
    public void Cleanup() => net.Dispose();

    [Benchmark]
    public float Forward()
    {
        net.Forward(planes, Batch, new ModelOutputs(logits, values));
        return values[0];
    }
}
