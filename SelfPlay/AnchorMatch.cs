using GoZero.Gtp;
using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// A training run's match of its best network against the anchor, an outside GTP engine (issue 20): every
/// <see cref="TrainingRunConfig.AnchorInterval"/> generations, <see cref="TrainingRunConfig.AnchorGames"/> games in a
/// match folder of its own, so it resumes like any match. The network plays as <c>gozero match</c> plays it (its
/// default move choice and resignation), so the figure means what a match run by hand against the same engine means.
/// </summary>
public static class AnchorMatch
{
    /// <summary>Longest wait for the anchor's move: a slow engine loses the game, a hung one does not stop the run.</summary>
    public static readonly TimeSpan MoveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Plays (or resumes) the anchor match that follows <paramref name="record"/>'s generation, with the best
    /// network of that generation; null when stopped before its last game. An anchor that cannot be started is an
    /// <see cref="IOException"/> before any game: its forfeits would read as the network's wins. One that fails
    /// during a game forfeits that game, as in any match.</summary>
    public static MatchSummary? Play(TrainingRunConfig config, RunLayout layout, GenerationRecord record, ModelPlacement placement,
                                     Action<MatchSummary> onGame, CancellationToken cancellation)
    {
        var (program, arguments) = config.AnchorCommand ?? throw new InvalidOperationException("the run has no anchor engine");
        string engine = config.AnchorName!;
        EnsureAnswers(program, arguments, engine);
        var network = NetworkFile.Load(layout.NetworkPath(record.BestGeneration), config.Shape);
        using var net = ModelFactory.OpenInference(network.Weights, threads: 1, placement.Backend, placement.Device);
        var search = new SearchOptions { MaxPlayouts = config.AnchorPlayouts ?? config.GatingPlayouts, Seed = config.Seed + (ulong)record.Generation }.Validated();
        var movePolicy = new MovePolicyOptions();
        using var best = new SearchPlayer(Path.GetFileNameWithoutExtension(layout.NetworkPath(record.BestGeneration)),
            new NetworkPolicyEvaluator(net, seed: config.Seed), search, movePolicy);
        using var anchor = new GtpEnginePlayer(engine, program, arguments, MoveTimeout);
        var options = new MatchOptions(config.AnchorGames, config.BoardSize, config.Rules, Seed: (int)(config.Seed % int.MaxValue) + record.Generation,
                                       CleanupDisputes: true);
        var match = new Match(options, best, anchor, layout.AnchorMatchFolder(record.Generation),
            MatchPlayerSettings.Network(network.Sha256, search, movePolicy, lambda: 0, rollouts: null),
            MatchPlayerSettings.Engine(program, arguments, MoveTimeout));
        var summary = match.Run((_, s) => onGame(s), cancellation);
        return summary.Games >= config.AnchorGames ? summary : null;
    }

    private static void EnsureAnswers(string program, IReadOnlyList<string> arguments, string engine)
    {
        try
        {
            using var probe = GtpClient.Start(program, arguments);
            probe.Send("name", MoveTimeout);
        }
        catch (GtpEngineException e)
        {
            throw new IOException($"the anchor engine '{engine}' does not answer GTP ({e.Message}); fix anchorEngine in the run's config.json", e);
        }
    }
}
