using CommandLine;
using GoZero.Mcts;

namespace GoZero.Cli.Commands;

[Verb("match", HelpText = "Play a match between two players: network files, 'rollout', or external engines 'gtp:COMMAND ARGS'.")]
public sealed class MatchCommandOptions : ModelOptions
{
    [Value(0, MetaName = "A", Required = true, HelpText = "Player A: a network file (GoZero checkpoint or Leela Zero weights), 'rollout' (search without a network), or 'gtp:COMMAND ARGS' (an external GTP engine, e.g. \"gtp:gnugo --mode gtp --level 1\").")]
    public string A { get; set; } = "";

    [Value(1, MetaName = "B", Required = true, HelpText = "Player B, as A.")]
    public string B { get; set; } = "";

    [Option("games", Default = 20, HelpText = "Games to play; colours alternate, each pair of games shares an opening.")]
    public int Games { get; set; }

    [Option("size", HelpText = "Board size (default: the networks' size, else 9).")]
    public int? Size { get; set; }

    [Option("komi", Default = OptionDefaults.Komi, HelpText = "Komi.")]
    public double Komi { get; set; }

    [Option("rules", Default = OptionDefaults.Rules, HelpText = "chinese (positional superko, no suicide), tromp-taylor, nz, simple.")]
    public string Rules { get; set; } = OptionDefaults.Rules;

    [Option("handicap", Default = 0, HelpText = "Fixed handicap stones for Black.")]
    public int Handicap { get; set; }

    [Option("opening-moves", HelpText = "Random opening moves per pair of games (default: about one per five lines).")]
    public int? OpeningMoves { get; set; }

    [Option("max-moves", HelpText = "Score a game as it stands after this many moves (default 3·N²).")]
    public int? MaxMoves { get; set; }

    [Option("playouts", Default = OptionDefaults.Playouts, HelpText = "Search playouts per move of GoZero players.")]
    public int Playouts { get; set; }

    [Option("playouts-b", HelpText = "Playouts per move of player B when it differs from A.")]
    public int? PlayoutsB { get; set; }

    [Option("lambda", Default = 0.0, HelpText = "AlphaGo's mixed leaf value for network players: (1 − λ)·network value + λ·rollout result, λ in [0, 1]; 0 is the network alone.")]
    public double Lambda { get; set; }

    [Option("lambda-b", HelpText = "λ of player B when it differs from A.")]
    public double? LambdaB { get; set; }

    [Option("lcb", Default = OptionDefaults.Lcb, HelpText = "on: GoZero players play the move of highest lower confidence bound of its win rate among those with more than 10% of the most visited move's visits (Leela Zero, KataGo); off: the most visited.")]
    public OnOff Lcb { get; set; }

    [Option("lcb-b", HelpText = "--lcb of player B when it differs from A.")]
    public OnOff? LcbB { get; set; }

    [Option("threads", Default = OptionDefaults.SearchThreads, HelpText = "Search threads of each GoZero player.")]
    public int Threads { get; set; }

    [Option("batch", Default = OptionDefaults.Batch, HelpText = "Leaves per network batch of each GoZero player.")]
    public int Batch { get; set; }

    [Option("resign-threshold", Default = MovePolicyOptions.DefaultResignThreshold, HelpText = "GoZero players resign below this win rate (0: never).")]
    public double ResignThreshold { get; set; }

    [Option("move-timeout", Default = 60.0, HelpText = "Seconds an external engine may take for a move before it loses the game.")]
    public double MoveTimeout { get; set; }

    [Option("referee", HelpText = "A network with the ownership head (same board) that judges each finished game's dead stones by its ownership after a short search; default: random playouts judge them.")]
    public string? Referee { get; set; }

    [Option("no-cleanup", HelpText = "Score two passes as they stand even when they leave a dispute (a fight the referee cannot call, or an engine's count that differs); by default such a game goes on in cleanup mode (kgs-genmove_cleanup) until two passes again, as KGS settles disputes.")]
    public bool NoCleanup { get; set; }

    [Option("seed", Default = 1, HelpText = "Seeds the openings and the searches.")]
    public int Seed { get; set; }

    [Option("out", HelpText = "Folder for the SGF files and the ledger match.json (default: match-A-vs-B). A folder holding the same match continues it.")]
    public string? Out { get; set; }

    [Option("sprt", HelpText = "Stop as soon as a sequential probability ratio test (α = β = 0.05) decides between 'A is as strong as B' and 'A is this many Elo stronger'; --games is then the most games played.")]
    public double? Sprt { get; set; }

    [Option("json", HelpText = "Print the summary as one JSON object.")]
    public bool Json { get; set; }
}
