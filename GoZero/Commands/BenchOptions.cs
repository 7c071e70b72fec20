using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("bench", HelpText = "Measure GoZero's speed. Suites: rules (random playouts per second), net (network forward passes per second).")]
public sealed class BenchOptions
{
    [Value(0, MetaName = "suite", Required = true, HelpText = "What to measure: rules or net.")]
    public string Suite { get; set; } = "";

    [Option("json", HelpText = "Print the figures as one JSON object.")]
    public bool Json { get; set; }

    [Option("sizes", Separator = ',', Default = new[] { 9, 19 }, HelpText = "rules: board sizes, comma-separated.")]
    public IEnumerable<int> Sizes { get; set; } = [9, 19];

    [Option("seconds", Default = 2.0, HelpText = "Length of one timed run.")]
    public double Seconds { get; set; }

    [Option("runs", Default = 5, HelpText = "Timed runs per measurement; the median is reported.")]
    public int Runs { get; set; }

    [Option("seed", Default = 1UL, HelpText = "Seed of the playouts' random numbers.")]
    public ulong Seed { get; set; }

    [Option("configs", Separator = ',', Default = new[] { "19:6:64", "19:10:128" }, HelpText = "net: networks as board:blocks:filters, comma-separated.")]
    public IEnumerable<string> Configs { get; set; } = ["19:6:64", "19:10:128"];

    [Option("threads", Separator = ',', Default = new[] { 1, 2 }, HelpText = "net: threads per forward pass, comma-separated.")]
    public IEnumerable<int> Threads { get; set; } = [1, 2];

    [Option("batches", Separator = ',', Default = new[] { 1, 8, 32 }, HelpText = "net: batch sizes, comma-separated.")]
    public IEnumerable<int> Batches { get; set; } = [1, 8, 32];
}
