using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("bench", HelpText = "Measure GoZero's speed. Suites: rules (random playouts per second), net (network forward passes per second), mcts (search visits per second, against Leela Zero with --leelaz), train (training samples per second).")]
public sealed class BenchOptions : ModelOptions
{
    [Value(0, MetaName = "suite", Required = true, HelpText = "What to measure: rules, net, mcts or train.")]
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

    [Option("configs", Separator = ',', Default = new[] { "19:6:64", "19:10:128" }, HelpText = "net, train: networks as board:blocks:filters, comma-separated.")]
    public IEnumerable<string> Configs { get; set; } = ["19:6:64", "19:10:128"];

    [Option("threads", Separator = ',', Default = new[] { 1, 2 }, HelpText = "net: threads per forward pass; train: threads per training step; mcts: search threads (and threads per forward pass). Comma-separated.")]
    public IEnumerable<int> Threads { get; set; } = [1, 2];

    [Option("batches", Separator = ',', Default = new[] { 1, 8, 32 }, HelpText = "net: batch sizes, comma-separated.")]
    public IEnumerable<int> Batches { get; set; } = [1, 8, 32];

    [Option("train-batches", Separator = ',', Default = new[] { 64, 128 }, HelpText = "train: batch sizes, comma-separated.")]
    public IEnumerable<int> TrainBatches { get; set; } = [64, 128];

    [Option("batch", Default = OptionDefaults.Batch, HelpText = "mcts: leaves per network batch.")]
    public int Batch { get; set; } = OptionDefaults.Batch;

    [Option("playouts", Default = 800, HelpText = "mcts: playouts per search (Leela Zero: --visits).")]
    public int Playouts { get; set; } = 800;

    [Option("board", Default = 19, HelpText = "mcts: board size of the network and the positions.")]
    public int Board { get; set; } = 19;

    [Option("blocks", Default = 6, HelpText = "mcts: residual blocks of the seeded random network.")]
    public int Blocks { get; set; } = 6;

    [Option("filters", Default = 64, HelpText = "mcts: filters of the seeded random network.")]
    public int Filters { get; set; } = 64;

    [Option("midgame-moves", Default = 60, HelpText = "mcts: seeded random moves that make the mid-game position.")]
    public int MidgameMoves { get; set; } = 60;

    [Option("leelaz", HelpText = "mcts: a Leela Zero executable (e.g. /usr/games/leelaz) to measure side by side with --cpu-only on the same weights.")]
    public string? Leelaz { get; set; }

    [Option("warmup", Default = 1.5, HelpText = "mcts: seconds of untimed searches before each measurement, so that the JIT's optimised code is what gets timed.")]
    public double WarmUp { get; set; } = 1.5;
}
