using CommandLine;
using GoZero.Mcts;

namespace GoZero.Cli.Commands;

[Verb("gtp", HelpText = "Play and analyse over GTP v2 on stdin/stdout (for Sabaki and other controllers); logs go to stderr.")]
public sealed class GtpOptions : ModelOptions
{
    [Option("weights", HelpText = "Network file (GoZero checkpoint or Leela Zero text, plain or gzip). Default: networks/default-NxN.gzn next to the binary, else the rollout fallback; 'rollout' plays with the rollout evaluator on every size.")]
    public string? Weights { get; set; }

    [Option("playouts", HelpText = "Playouts per move (default 1600 with a network; with the rollout fallback 8000 up to 9x9, 5000 up to 13x13, 3000 above).")]
    public int? Playouts { get; set; }

    [Option("visits", HelpText = "Root visits per move, those kept from the previous move included; instead of --playouts.")]
    public int? Visits { get; set; }

    [Option("threads", Default = OptionDefaults.SearchThreads, HelpText = "Search threads.")]
    public int Threads { get; set; }

    [Option("batch", Default = OptionDefaults.Batch, HelpText = "Leaves evaluated together.")]
    public int Batch { get; set; }

    [Option("resign-threshold", Default = MovePolicyOptions.DefaultResignThreshold, HelpText = "Resign below this win rate; 0 never resigns.")]
    public double ResignThreshold { get; set; }

    [Option("lcb", Default = OptionDefaults.Lcb, HelpText = "on: play the move of highest lower confidence bound of its win rate among those with more than 10% of the most visited move's visits (Leela Zero, KataGo); off: the most visited.")]
    public OnOff Lcb { get; set; }

    [Option("komi", Default = OptionDefaults.Komi, HelpText = "Komi until the controller sets one.")]
    public double Komi { get; set; }

    [Option("rules", Default = OptionDefaults.Rules, HelpText = "chinese, tromp-taylor, nz, simple, or gozero:ko=...,suicide=...")]
    public string Rules { get; set; } = OptionDefaults.Rules;

    [Option("ponder", HelpText = "Search during the opponent's turn.")]
    public bool Ponder { get; set; }

    [Option("seed", Default = 1UL, HelpText = "Seed of the search and evaluator.")]
    public ulong Seed { get; set; }

    [Option("lambda", Default = 0.0, HelpText = "AlphaGo's mixed leaf value: (1 − λ)·network value + λ·rollout result, λ in [0, 1]; 0 is the network alone.")]
    public double Lambda { get; set; }

    [Option("ownership-judge", HelpText = "Judge dead stones (final_score, final_status_list, when to pass) by the network's ownership head after a short search instead of by random playouts; off by default: today's networks judge worse than the playouts.")]
    public bool OwnershipJudge { get; set; }

    [Option("networks-dir", HelpText = "Folder of the default networks (default: networks/ next to the binary).")]
    public string? NetworksDirectory { get; set; }
}
