using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("bench", HelpText = "Measure GoZero's speed. Suites: rules (random playouts per second).")]
public sealed class BenchOptions
{
    [Value(0, MetaName = "suite", Required = true, HelpText = "What to measure: rules.")]
    public string Suite { get; set; } = "";

    [Option("json", HelpText = "Print the figures as one JSON object.")]
    public bool Json { get; set; }

    [Option("sizes", Separator = ',', Default = new[] { 9, 19 }, HelpText = "Board sizes, comma-separated.")]
    public IEnumerable<int> Sizes { get; set; } = [9, 19];

    [Option("seconds", Default = 2.0, HelpText = "Length of one timed run.")]
    public double Seconds { get; set; }

    [Option("runs", Default = 5, HelpText = "Timed runs per board size; the median is reported.")]
    public int Runs { get; set; }

    [Option("seed", Default = 1UL, HelpText = "Seed of the playouts' random numbers.")]
    public ulong Seed { get; set; }
}
