namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// The names a run has on its NATS server, derived from the run's name and nowhere else (docs/formats.md): stream
/// GOZERO_RUN on subject gozero.RUN.games for the games, a durable consumer "trainer" on it, key-value bucket
/// gozero_RUN with key "best", and object store gozero_RUN_networks for the networks.
/// </summary>
public sealed record RunServerNames
{
    /// <summary>The key of the best network's entry (<see cref="BestNetworkEntry"/>).</summary>
    public const string BestKey = "best";

    /// <summary>The trainer's durable consumer of the games stream.</summary>
    public const string TrainerConsumer = "trainer";

    public RunServerNames(string run)
    {
        // Stream, bucket and subject tokens share a narrow alphabet: letters, digits, '-' and '_' (no '.', '*', '>').
        if (run.Length is 0 or > 64 || !run.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"'{run}' is not a run name on the server: 1 to 64 letters, digits, '-' or '_'");
        Run = run;
    }

    public string Run { get; }

    public string Stream => "GOZERO_" + Run;

    public string GamesSubject => $"gozero.{Run}.games";

    public string Bucket => "gozero_" + Run;

    public string NetworkStore => $"gozero_{Run}_networks";
}
