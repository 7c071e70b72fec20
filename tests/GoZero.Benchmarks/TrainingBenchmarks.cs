using BenchmarkDotNet.Attributes;
using GoZero.Network;
using GoZero.Network.Training;

namespace GoZero.Benchmarks;

/// <summary>
/// One full training step (forward in training mode, backward, SGD update) of a seeded random 19×19 network — what
/// `gozero bench train` measures, under BenchmarkDotNet's statistics. Divide the batch by the mean time for samples
/// per second.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private IModelTrainer trainer = null!;
    private TrainingBatch batch = null!;

    [Params("6x64", "10x128")]
    public string Network { get; set; } = "6x64";

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(64, 128)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Network.Split('x');
        var shape = new NetworkShape(19, int.Parse(parts[0]), int.Parse(parts[1]));
        trainer = ModelFactory.OpenTrainer(NetworkWeights.Random(shape, seed: 1), new TrainingOptions { Threads = Threads }, ModelBackend.Simd);
        batch = new TrainingBatch(19, Batch) { Count = Batch };
        var random = new Random(1);
        for (int i = 0; i < batch.Planes.Length; i++) batch.Planes[i] = random.Next(3) == 0 ? 1f : 0f;
        Array.Fill(batch.Policy, 1f / shape.PolicySize);
        for (int i = 0; i < Batch; i++) batch.Value[i] = i % 2 == 0 ? 1 : -1;
        Array.Fill(batch.HasPolicy, 1f);
    }

    [GlobalCleanup]
    public void Cleanup() => trainer.Dispose();

    [Benchmark]
    public double Step() => trainer.Step(batch).Total;
}
