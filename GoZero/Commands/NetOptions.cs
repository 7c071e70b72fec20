using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("net", HelpText = "Make, inspect and convert networks (GoZero checkpoints, Leela Zero weights). Actions: init, info, convert, eval, data, train, test.")]
public sealed class NetOptions : ModelOptions
{
    [Value(0, MetaName = "action", Required = true,
        HelpText = "init (a seeded random network, to --out), info FILE, convert IN OUT (Leela Zero text when OUT ends in .txt or .txt.gz, a checkpoint otherwise), eval FILE --sgf GAME, data DIR (training chunks), data import --tygem DIR --sgf DIR --out DIR (expert games to training chunks), train --data DIR --from NET --out CKPT --steps N, test NET --sgf DIR | --tygem DIR | --data DIR (held-out accuracy).")]
    public string Action { get; set; } = "";

    [Value(1, MetaName = "file", HelpText = "info, eval, test: the network; convert: the network to convert; data: the folder of training chunks.")]
    public string? File { get; set; }

    [Value(2, MetaName = "out", HelpText = "convert: the file to write.")]
    public string? Target { get; set; }

    [Option("blocks", HelpText = "init: residual blocks.")]
    public int? Blocks { get; set; }

    [Option("filters", HelpText = "init: filters per convolution.")]
    public int? Filters { get; set; }

    [Option("board", Default = 19, HelpText = "init: board size (Leela Zero itself reads 19 only); data import: the board size of the games kept (test: the network's).")]
    public int Board { get; set; }

    [Option("out", HelpText = "init: the file to write: Leela Zero text when it ends in .txt or .txt.gz (gzip), a checkpoint otherwise; train: the checkpoint to write; data import: the folder of chunks to write (or continue).")]
    public string? Out { get; set; }

    [Option("seed", Default = 1, HelpText = "init: seed of the random weights; train: seed of the batches drawn.")]
    public int Seed { get; set; }

    [Option("sgf", HelpText = "eval: the game whose position the network evaluates; data import, test: a folder of SGF files, read recursively.")]
    public string? Sgf { get; set; }

    [Option("move", HelpText = "eval: the position after this many moves (default: the end of the main line).")]
    public int? Move { get; set; }

    [Option("average", HelpText = "eval, test: the mean of the network's outputs over the 8 symmetries (default: identity).")]
    public bool Average { get; set; }

    [Option("data", HelpText = "train: the folder of training chunks; test: a folder of chunks to test on.")]
    public string? Data { get; set; }

    [Option("from", HelpText = "train: the network to start from (a checkpoint's optimizer state and step count carry on).")]
    public string? From { get; set; }

    [Option("steps", HelpText = "train: optimizer steps to take.")]
    public int? Steps { get; set; }

    [Option("batch", Default = 256, HelpText = "train: positions per step; test: network inputs per forward pass.")]
    public int Batch { get; set; }

    [Option("lr", Default = "0.02", HelpText = "train: learning rate: a number, steps:0.02@0,0.002@100000, or cosine:0.02:100000 (by global step).")]
    public string LearningRate { get; set; } = "0.02";

    [Option("momentum", Default = 0.9, HelpText = "train: SGD momentum.")]
    public double Momentum { get; set; }

    [Option("weight-decay", Default = 1e-4, HelpText = "train: c of the c·‖θ‖² term of the loss.")]
    public double WeightDecay { get; set; }

    [Option("threads", Default = 2, HelpText = "train: threads of each step; test: threads of each forward pass.")]
    public int Threads { get; set; }

    [Option("window", Default = 500_000, HelpText = "train: the newest samples of the folder to draw from.")]
    public int Window { get; set; }

    [Option("stream", HelpText = "train: draw from every chunk of --data in epochs, --group chunks at a time shuffled together and the next group read in the background, instead of holding a --window in memory (for folders larger than memory).")]
    public bool Stream { get; set; }

    [Option("group", Default = 16, HelpText = "train --stream: chunks loaded and shuffled together (memory: about two groups).")]
    public int Group { get; set; }

    [Option("value-weight", Default = 1.0, HelpText = "train: w of the w·(z − v)² term of the loss (AlphaGo Zero's supervised learning used 0.01).")]
    public double ValueWeight { get; set; }

    [Option("ownership-weight", Default = Network.Training.TrainingOptions.DefaultOwnershipWeight, HelpText = "train: weight of the ownership term (KataGo's 1.5: 1.5/N² times the cross-entropy summed over the points); a network without the ownership head ignores it.")]
    public double OwnershipWeight { get; set; }

    [Option("score-weight", Default = Network.Training.TrainingOptions.DefaultScoreWeight, HelpText = "train: weight of the score term (Huber of the error in units of 20 points); a network without the score head ignores it.")]
    public double ScoreWeight { get; set; }

    [Option("ownership-and-score", HelpText = "init: give the network KataGo's ownership and score heads besides policy and value (a checkpoint carries them; Leela Zero text cannot).")]
    public bool OwnershipAndScore { get; set; }

    [Option("pooling-interval", Default = 0, HelpText = "init: KataGo's global pooling in every Kth residual block (0: none, Leela Zero's tower; a checkpoint carries it, Leela Zero text cannot).")]
    public int PoolingInterval { get; set; }

    [Option("pooled-channels", HelpText = "init: with --pooling-interval, the channels of a pooling block that are pooled (default: a third of --filters).")]
    public int? PooledChannels { get; set; }

    [Option("teacher", HelpText = "train: distil this network into --from: its outputs (policy, value, and ownership and score where both networks have them) become the targets of every position drawn.")]
    public string? Teacher { get; set; }

    [Option("teacher-weight", Default = 1.0, HelpText = "train --teacher: the teacher's share w of each target, in (0, 1]: w·teacher + (1 − w)·the recorded target (1: the teacher's outputs alone).")]
    public double TeacherWeight { get; set; }

    [Option("save-every", Default = 1000, HelpText = "train: also write --out every N global steps (atomically), so a killed run loses at most N steps; 0: only at the end.")]
    public int SaveEvery { get; set; }

    [Option("tygem", HelpText = "data import, test: a folder of Tygem game zips (one game a line) and their index*.zip (the results).")]
    public string? Tygem { get; set; }

    [Option("min-moves", Default = 20, HelpText = "data import, test: games of fewer moves are skipped.")]
    public int MinMoves { get; set; }

    [Option("games", HelpText = "data import: stop after this many games imported; test: after this many tested (default: all).")]
    public int? Games { get; set; }

    [Option("games-per-chunk", Default = 250, HelpText = "data import: imported games per chunk.")]
    public int GamesPerChunk { get; set; }

    [Option("json", HelpText = "info, eval, data, data import, test: print one JSON object.")]
    public bool Json { get; set; }
}
