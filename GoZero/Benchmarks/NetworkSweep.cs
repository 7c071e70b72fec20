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
        report.Header($"{Suite}: {Work}, median of {runs} runs of {seconds:0.##} s; load average before: {report.LoadBefore}",
                      $"{"network",-16} {"threads",7} {"batch",5} {"backend",-14} {Columns}");
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
                            ["threads"] = threads,
                            ["batch"] = batch,
                            ["backend"] = ModelPlacement.NameOf(placement.Backend),
                            ["device"] = placement.Device.ToString(),
                        };
                        foreach (var (name, figure) in measured.Figures) row[name] = figure?.DeepClone();
                        report.Add(row, $"{shape,-16} {threads,7} {batch,5} {placement,-14} {measured.Columns}");
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

    /// <summary>The networks of a sweep, written board:blocks:filters, or board:blocks:filters:heads for one with the
    /// ownership and score heads; what is wrong with them, or null.</summary>
    public static string? ShapesProblem(IEnumerable<string> configs, out List<NetworkShape> shapes)
    {
        shapes = [];
        foreach (string config in configs)
        {
            var parts = config.Split(':');
            bool heads = parts.Length == 4 && parts[3] == "heads";
            if (parts.Length != (heads ? 4 : 3) || !int.TryParse(parts[0], out int size) || !int.TryParse(parts[1], out int blocks) || !int.TryParse(parts[2], out int filters))
                return $"network '{config}' is not board:blocks:filters[:heads] (e.g. 19:6:64, or 19:6:64:heads with the ownership and score heads)";
            try
            {
                shapes.Add(new NetworkShape(size, blocks, filters) { AuxiliaryHeads = heads }.Validated());
            }
            catch (ArgumentException e)
            {
                return $"network '{config}': {e.Message}";
            }
        }
        return shapes.Count == 0 ? "--configs needs at least one network" : null;
    }
}
