using CommandLine;
using GoZero.Mcts;

namespace GoZero.Cli.Commands;

[Verb("selfplay", HelpText = "Play self-play games with a network and write training data and SGF files.")]
public sealed class SelfPlayCommandOptions : ModelOptions
{
    [Option("net", Required = true, HelpText = "The network (GoZero checkpoint or Leela Zero weights); its board size is the games'.")]
    public string Net { get; set; } = "";

    [Option("games", Required = true, HelpText = "Games to play.")]
    public long Games { get; set; }

    [Option("out", Required = true, HelpText = "Folder for data/ (training chunks), games/ (SGF) and selfplay.json; a folder with games continues them.")]
    public string Out { get; set; } = "";

    [Option("workers", Default = 1, HelpText = "Workers, each with its own network batches.")]
    public int Workers { get; set; }

    [Option("games-at-once", Default = 16, HelpText = "Games each worker plays at once; their leaves share one network batch.")]
    public int GamesAtOnce { get; set; }

    [Option("threads", Default = 2, HelpText = "Threads of each network evaluation.")]
    public int Threads { get; set; }

    [Option("playouts", Default = OptionDefaults.Playouts, HelpText = "Search playouts per move.")]
    public int Playouts { get; set; }

    [Option("batch", Default = 4, HelpText = "Leaves one game's search gathers per evaluation.")]
    public int Batch { get; set; }

    [Option("temperature-moves", HelpText = "Moves drawn in proportion to visits before the best is played (default N²/12).")]
    public int? TemperatureMoves { get; set; }

    [Option("resign-threshold", Default = MovePolicyOptions.DefaultResignThreshold, HelpText = "The highest resignation threshold: games resign below the win rate that keeps false resignations under 5% of the played-out games, at most this (0: never).")]
    public double ResignThreshold { get; set; }

    [Option("no-resign-share", Default = 0.1, HelpText = "Share of games played out without resignation, to measure false resignations.")]
    public double NoResignShare { get; set; }

    [Option("full-search-share", Default = 1.0, HelpText = "Playout cap randomisation (KataGo): the share of moves searched with --playouts and recorded as policy targets; the rest get --fast-playouts, no noise and no temperature (1: every move in full; KataGo 0.25).")]
    public double FullSearchShare { get; set; }

    [Option("fast-playouts", HelpText = "Playouts of the moves not searched in full (default a fifth of --playouts).")]
    public int? FastPlayouts { get; set; }

    [Option("forced-playouts", Default = 0.0, HelpText = "k of KataGo's forced playouts at the root, sqrt(k·P·N), and the pruning of the policy target (0: off; KataGo 2).")]
    public double ForcedPlayouts { get; set; }

    [Option("gumbel", Default = false, HelpText = "Gumbel AlphaZero root search: Gumbel-top-k sampling and Sequential Halving at the root, the policy target from completed Q-values; no Dirichlet noise, no temperature.")]
    public bool Gumbel { get; set; }

    [Option("gumbel-moves", Default = 16, HelpText = "m, the moves the Gumbel root search samples.")]
    public int GumbelMoves { get; set; }

    [Option("komi", Default = OptionDefaults.Komi, HelpText = "Komi.")]
    public double Komi { get; set; }

    [Option("games-per-chunk", Default = 8, HelpText = "Games per training-data chunk.")]
    public int GamesPerChunk { get; set; }

    [Option("seed", Default = 1UL, HelpText = "Game i is seeded with seed + i.")]
    public ulong Seed { get; set; }
}
