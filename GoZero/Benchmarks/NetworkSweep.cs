using System.Text.Json.Nodes;
using GoZero.Network;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// The sweep of the suites that time a network (bench net, bench train): every network × thread count × batch size ×
/// backend, in that order, one measurement each, reported in a row that starts with the network, the threads, the batch
/// and the backend, so that backends measured together stand side by side.
/// </summary>
/// <param name="Suite">The suite's name: the JSON's "benchmark" and the first word of the text.</param>
/// <param name="Work">What the timed runs do, for the text's first line.</param>
/// <param name="Columns">The text header of the measurement's own columns.</param>
/// <param name="Measure">One measurement of (network, backend and device, threads, batch, run length, runs, seed).</param>
public sealed record NetworkSweep(string Suite, string Work, string Columns, Func<NetworkShape, ModelPlacement, int, int, TimeSpan, int, int, NetworkSweep.Row> Measure)
{
    /// <summary>A measurement's own part of its row: the JSON figures and the text columns after the network, the
    /// threads and the batch.</summary>
    public sealed record Row(JsonObject Figures, string Columns);

    public void Run(IReadOnlyList<NetworkShape> shapes, IReadOnlyList<ModelPlacement> placements, IReadOnlyList<int> threadCounts, IReadOnlyList<int> batches,
        double seconds, int runs, int seed, bool json, TextWriter output)
    {
        var report = new BenchmarkReport(output, json);
        int width = Math.Max(16, shapes.Max(s => s.ToString().Length));
        report.Header($"{Suite}: {Work}, median of {runs} runs of {seconds:0.##} s; load average before: {report.LoadBefore}",
                      $"{"network".PadRight(width)} {"threads",7} {"batch",5} {"backend",-14} {Columns}");
        foreach (var shape in shapes)
        {
            foreach (int threads in threadCounts)
            {
                foreach (int batch in batches)
                {
                    foreach (var placement in placements)
                    {
                        var measured = Measure(shape, placement, threads, batch, TimeSpan.FromSeconds(seconds), runs, seed);
                        var row = new JsonObject
                        {
                            ["board"] = shape.BoardSize,
                            ["blocks"] = shape.Blocks,
                            ["filters"] = shape.Filters,
                            ["pooling_interval"] = shape.GlobalPoolingInterval,
                            ["pooled_channels"] = shape.GlobalPoolingChannels,
                            ["threads"] = threads,
                            ["batch"] = batch,
                            ["backend"] = ModelPlacement.NameOf(placement.Backend),
                            ["device"] = placement.Device.ToString(),
                        };
                        foreach (var (name, figure) in measured.Figures) row[name] = figure?.DeepClone();
                        report.Add(row, $"{shape.ToString().PadRight(width)} {threads,7} {batch,5} {placement,-14} {measured.Columns}");
                    }
                }
            }
        }
        report.Finish(new JsonObject
        {
            ["benchmark"] = Suite,
            ["seconds_per_run"] = seconds,
            ["runs"] = runs,
        });
    }

    /// <summary>The networks of a sweep, written board:blocks:filters, then optionally :heads for the ownership and
    /// score heads and :poolK for global pooling in every K-th block (a third of the filters pooled, as net init's
    /// default); what is wrong with them, or null.</summary>
    public static string? ShapesProblem(IEnumerable<string> configs, out List<NetworkShape> shapes)
    {
        shapes = [];
        foreach (string config in configs)
        {
            var parts = config.Split(':');
            bool heads = parts.Skip(3).Contains("heads");
            var pooling = parts.Skip(3).Where(p => p.StartsWith("pool", StringComparison.Ordinal)).ToList();
            int interval = 0;
            bool extrasKnown = parts.Length - 3 == (heads ? 1 : 0) + pooling.Count && pooling.Count <= 1
                && (pooling.Count == 0 || int.TryParse(pooling[0].AsSpan(4), out interval));
            if (parts.Length < 3 || !extrasKnown || !int.TryParse(parts[0], out int size) || !int.TryParse(parts[1], out int blocks) || !int.TryParse(parts[2], out int filters))
                return $"network '{config}' is not board:blocks:filters[:heads][:poolK] (e.g. 19:6:64, 19:6:64:heads with the ownership and score heads, 19:6:64:pool2 with global pooling in every second block)";
            try
            {
                shapes.Add(new NetworkShape(size, blocks, filters)
                {
                    AuxiliaryHeads = heads,
                    GlobalPoolingInterval = interval,
                    GlobalPoolingChannels = interval > 0 ? NetworkShape.DefaultPooledChannels(filters) : 0,
                }.Validated());
            }
            catch (ArgumentException e)
            {
                return $"network '{config}': {e.Message}";
            }
        }
        return shapes.Count == 0 ? "--configs needs at least one network" : null;
    }
}
