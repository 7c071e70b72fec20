using System.Diagnostics;
using GoZero.Network;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// Speed of the network's forward pass: positions evaluated per second and the arithmetic rate that implies
/// (<see cref="NetworkShape.MultiplyAddsPerPosition"/> × 2 flops), for one shape, thread count and batch size, on a
/// seeded random network and random stones.
/// </summary>
public static class ForwardPassBenchmark
{
    public sealed record Result(double EvaluationsPerSecond, double GigaflopsPerSecond, IReadOnlyList<double> RunEvaluationsPerSecond);

    public static Result Measure(NetworkShape shape, int threads, int batch, TimeSpan runLength, int runs, int seed)
    {
        using var net = ModelFactory.OpenInference(NetworkWeights.Random(shape, seed), threads);
        var random = new Random(seed);
        var planes = new float[batch * NetworkShape.InputPlanes * shape.Area];
        for (int i = 0; i < planes.Length; i++) planes[i] = random.Next(3) == 0 ? 1f : 0f;
        var logits = new float[batch * shape.PolicySize];
        var values = new float[batch];

        // Warm up so the JIT's optimised code and the helper threads are what gets timed.
        var warmUp = Stopwatch.StartNew();
        do net.Forward(planes, batch, new ModelOutputs(logits, values));
        while (warmUp.Elapsed < TimeSpan.FromSeconds(Math.Min(1.0, runLength.TotalSeconds)));

        var rates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            long evaluations = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                net.Forward(planes, batch, new ModelOutputs(logits, values));
                evaluations += batch;
            }
            while (clock.Elapsed < runLength);
            rates.Add(evaluations / clock.Elapsed.TotalSeconds);
        }
        double median = Median.Of(rates);
        return new Result(median, median * 2.0 * shape.MultiplyAddsPerPosition / 1e9, rates);
    }
}
