using System.Diagnostics;
using System.Text.Json.Nodes;
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

    /// <summary>bench net.</summary>
    public static readonly NetworkSweep Sweep = new(
        "net", "forward passes of a seeded random network, fp32", $"{"evals/s",10} {"GFLOP/s",8}  runs (evals/s)",
        (shape, placement, threads, batch, runLength, runs, seed) =>
        {
            var result = Measure(shape, placement, threads, batch, runLength, runs, seed);
            return new NetworkSweep.Row(
                new JsonObject
                {
                    ["evaluations_per_second"] = Math.Round(result.EvaluationsPerSecond, 1),
                    ["gflops"] = Math.Round(result.GigaflopsPerSecond, 2),
                    ["runs_evaluations_per_second"] = new JsonArray(result.RunEvaluationsPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
                },
                $"{result.EvaluationsPerSecond,10:N1} {result.GigaflopsPerSecond,8:N1}  " + string.Join(" ", result.RunEvaluationsPerSecond.Select(r => r.ToString("N1"))));
        });

    public static Result Measure(NetworkShape shape, ModelPlacement placement, int threads, int batch, TimeSpan runLength, int runs, int seed)
    {
        using var net = ModelFactory.OpenInference(NetworkWeights.Random(shape, seed), threads, placement.Backend, placement.Device);
        var random = new Random(seed);
        var planes = new float[batch * NetworkShape.InputPlanes * shape.Area];
        for (int i = 0; i < planes.Length; i++) planes[i] = random.Next(3) == 0 ? 1f : 0f;
        var logits = new float[batch * shape.PolicySize];
        var values = new float[batch];
        // A network with the ownership and score heads is timed computing them all, as net eval and analysis ask.
        var ownership = new float[shape.AuxiliaryHeads ? batch * shape.Area : 0];
        var scores = new float[shape.AuxiliaryHeads ? batch : 0];

        // Warm up so the JIT's optimised code and the helper threads are what gets timed.
        var warmUp = Stopwatch.StartNew();
        do net.Forward(planes, batch, new ModelOutputs(logits, values, ownership, scores));
        while (warmUp.Elapsed < TimeSpan.FromSeconds(Math.Min(1.0, runLength.TotalSeconds)));

        var rates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            long evaluations = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                net.Forward(planes, batch, new ModelOutputs(logits, values, ownership, scores));
                evaluations += batch;
            }
            while (clock.Elapsed < runLength);
            rates.Add(evaluations / clock.Elapsed.TotalSeconds);
        }
        double median = Median.Of(rates);
        return new Result(median, median * 2.0 * shape.MultiplyAddsPerPosition / 1e9, rates);
    }
}
