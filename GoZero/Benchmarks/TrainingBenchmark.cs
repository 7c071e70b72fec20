using System.Diagnostics;
using System.Text.Json.Nodes;
using GoZero.Network;
using GoZero.Network.Training;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// Speed of a full training step (forward in training mode, backward, SGD update) — what torch_bench.py's training
/// figure measures — in samples per second, for one shape, thread count and batch size, on a seeded random network
/// and a seeded random batch (Go-like stones, a random π, z = ±1, and for a network with the ownership and score heads
/// a final ownership of each point's stone and a score).
/// </summary>
public static class TrainingBenchmark
{
    public sealed record Result(double SamplesPerSecond, IReadOnlyList<double> RunSamplesPerSecond);

    /// <summary>bench train.</summary>
    public static readonly NetworkSweep Sweep = new(
        "train", "full SGD steps (forward, backward, momentum update) of a seeded random network, fp32", $"{"samples/s",10}  runs (samples/s)",
        (shape, placement, threads, batch, runLength, runs, seed) =>
        {
            var result = Measure(shape, placement, threads, batch, runLength, runs, seed);
            return new NetworkSweep.Row(
                new JsonObject
                {
                    ["samples_per_second"] = Math.Round(result.SamplesPerSecond, 2),
                    ["runs_samples_per_second"] = new JsonArray(result.RunSamplesPerSecond.Select(r => (JsonNode)Math.Round(r, 2)).ToArray()),
                },
                $"{result.SamplesPerSecond,10:N1}  " + string.Join(" ", result.RunSamplesPerSecond.Select(r => r.ToString("N1"))));
        });

    public static Result Measure(NetworkShape shape, ModelPlacement placement, int threads, int batchSize, TimeSpan runLength, int runs, int seed)
    {
        using var trainer = ModelFactory.OpenTrainer(NetworkWeights.Random(shape, seed), new TrainingOptions { Threads = threads }, placement.Backend, placement.Device);
        var batch = RandomBatch(shape.BoardSize, batchSize, seed);

        // Warm up: the JIT's optimised code, the helper threads and the buffers are what gets timed.
        var warmUp = Stopwatch.StartNew();
        do trainer.Step(batch);
        while (warmUp.Elapsed < TimeSpan.FromSeconds(Math.Min(1.0, runLength.TotalSeconds)));

        var rates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            long samples = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                trainer.Step(batch);
                samples += batchSize;
            }
            while (clock.Elapsed < runLength);
            rates.Add(samples / clock.Elapsed.TotalSeconds);
        }
        return new Result(Median.Of(rates), rates);
    }

    private static TrainingBatch RandomBatch(int boardSize, int count, int seed)
    {
        var batch = new TrainingBatch(boardSize, count) { Count = count };
        var random = new Random(seed);
        int area = boardSize * boardSize, policySize = area + 1;
        for (int s = 0; s < count; s++)
        {
            var planes = batch.Planes.AsSpan(s * NetworkShape.InputPlanes * area, NetworkShape.InputPlanes * area);
            for (int point = 0; point < area; point++)
            {
                int stone = random.Next(3);
                for (int history = 0; history < 8; history++)
                    if (stone > 0) planes[((stone - 1) * 8 + history) * area + point] = 1;
            }
            planes.Slice((s % 2 == 0 ? 16 : 17) * area, area).Fill(1);
            var policy = batch.Policy.AsSpan(s * policySize, policySize);
            float sum = 0;
            for (int o = 0; o < policySize; o++) sum += policy[o] = (float)random.NextDouble();
            for (int o = 0; o < policySize; o++) policy[o] /= sum;
            batch.Value[s] = random.Next(2) == 0 ? -1 : 1;
            batch.HasPolicy[s] = 1;
            batch.HasOwnership[s] = 1;
            batch.HasScore[s] = 1;
            // The owner of each point is its stone's colour (from the side to move's planes: own +1, opponent −1).
            for (int point = 0; point < area; point++)
                batch.Ownership[s * area + point] = planes[point] - planes[8 * area + point];
            batch.Score[s] = (float)(40 * (random.NextDouble() - 0.5));
        }
        return batch;
    }
}
