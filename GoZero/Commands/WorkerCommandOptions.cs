using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("worker", HelpText = "Play self-play games for a training run on another machine, through its NATS server (gozero train --server).")]
public sealed class WorkerCommandOptions : RunServerOptions
{
    [Option("server", Required = true, HelpText = "The run's NATS server with JetStream: nats://HOST:4222 (tls://… for TLS).")]
    public string Server { get; set; } = "";

    [Option("run", Required = true, HelpText = "The run's name on the server: the name of the trainer's run folder, or its --server-run.")]
    public string Run { get; set; } = "";

    [Option("workers", Default = 1, HelpText = "Self-play workers, each with its own network batches.")]
    public int Workers { get; set; }

    [Option("games-at-once", HelpText = "Games each worker plays at once; their leaves share one network batch (default: the run's gamesAtOnce).")]
    public int? GamesAtOnce { get; set; }

    [Option("threads", Default = 1, HelpText = "Threads of each network evaluation.")]
    public int Threads { get; set; }

    [Option("cache", HelpText = "Folder for the networks fetched, named by their SHA-256 (default: gozero/worker under the user's local application data).")]
    public string? Cache { get; set; }

    [Option("games", HelpText = "Stop once the server has acknowledged this many games (default: play until stopped).")]
    public long? Games { get; set; }
}
