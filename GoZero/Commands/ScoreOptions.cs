using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("score", HelpText = "Score a game from an SGF file: dead stones judged, area scoring with komi.")]
public sealed class ScoreOptions : ModelOptions
{
    [Value(0, MetaName = "sgf", Required = true, HelpText = "The SGF file of the game.")]
    public string Path { get; set; } = "";

    [Option("move", HelpText = "Score the position after this many moves (default: the end of the main line).")]
    public int? Move { get; set; }

    [Option("playouts", Default = 400, HelpText = "Random playouts that judge the stones Benson's algorithm leaves open.")]
    public int Playouts { get; set; }

    [Option("weights", HelpText = "A network with the ownership head (the game's board size): dead stones are judged by its ownership after a short search; the playouts then only find seki. Default: the random playouts judge.")]
    public string? Weights { get; set; }

    [Option("json", HelpText = "Print the judgement as one JSON object.")]
    public bool Json { get; set; }
}
