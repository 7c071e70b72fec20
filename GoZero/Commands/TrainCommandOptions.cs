using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("train", HelpText = "Run the AlphaGo Zero loop in a folder: self-play, training, gating; resumable.")]
public sealed class TrainCommandOptions : RunServerOptions
{
    [Option("run", Required = true, HelpText = "The run's folder; an existing run continues where it stopped.")]
    public string Run { get; set; } = "";

    [Option("preset", HelpText = "9x9 (the default: a small network with the ownership and score heads, Gumbel root search; the fastest learner measured on a laptop CPU), 9x9-alphago-zero (AlphaGo Zero's recipe on 9x9, the baseline) or 19x19 (AlphaGo Zero's settings, CPU-sized network).")]
    public string? Preset { get; set; }

    [Option("config", HelpText = "A JSON file of settings overriding the preset's (docs/cli.md lists the keys).")]
    public string? Config { get; set; }

    [Option("from", HelpText = "Start a new run from this network (e.g. one trained on expert games by net train) instead of a random one; the run takes its board size and tower, the preset for that size the rest. Give it again to continue the run.")]
    public string? From { get; set; }

    [Option("ownership-and-score", HelpText = "A new run's networks get KataGo's ownership and score heads (the config setting ownershipAndScore; on in the 9x9 preset, off in the others); with --from a network without them, its generation 0 is that network with new, untrained heads. A run that exists keeps its own setting.")]
    public bool OwnershipAndScore { get; set; }

    [Option("hours", HelpText = "Stop once the run (all its sessions together) has run this long.")]
    public double? Hours { get; set; }

    [Option("generations", HelpText = "Stop once the run has this many candidates judged.")]
    public int? Generations { get; set; }

    [Option("show-config", HelpText = "Print the effective settings as JSON and exit.")]
    public bool ShowConfig { get; set; }

    [Option("server", HelpText = "A NATS server with JetStream (nats://HOST:4222) through which workers on other machines (gozero worker) play for the run; the run publishes its best network there and stores their games.")]
    public string? Server { get; set; }

    [Option("server-run", HelpText = "The run's name on the server, which workers give as --run (default: the run folder's name).")]
    public string? ServerRun { get; set; }

    [Option("local-selfplay", Default = OnOff.On, HelpText = "Whether this process plays self-play games too (on, the default) or, with --server, leaves them to the workers (off).")]
    public OnOff LocalSelfPlay { get; set; }
}
