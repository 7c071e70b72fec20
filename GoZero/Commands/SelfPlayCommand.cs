using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;
using GoZero.Network.Training;
using GoZero.SelfPlay;

namespace GoZero.Cli.Commands;

/// <summary>gozero selfplay --net CKPT --games N --out DIR: self-play games written as training data and SGF.</summary>
public static class SelfPlayCommand
{
    public static int Run(SelfPlayCommandOptions options)
    {
        try
        {
            // Every option is checked before the network is read or the folder touched, so that a typo is exit code 2
            // with the option's name.
            if (Invalid(options) is { } problem) return CommandFailure.Report(problem, ExitCode.BadArguments);
            var network = NetworkFile.Load(options.Net);
            int size = network.Weights.Shape.BoardSize;
            var selfPlay = SelfPlayOptionsFor(options, size).Validated();

            using var folderLock = FolderLock.Acquire(options.Out, "gozero selfplay");
            folderLock.RemoveStaleTemporaries();
            using var net = ModelFactory.OpenInference(network.Weights, options.Threads, options.CheckedPlacement.Backend, options.CheckedPlacement.Device);
            var layout = new RunLayout(options.Out);
            long gamesBefore = layout.CountGames();
            using var writer = new SelfPlayWriter(layout, size, options.GamesPerChunk);
            var runner = new SelfPlayRunner(selfPlay, options.Workers, options.GamesAtOnce, w => new NetworkPolicyEvaluator(net, seed: options.Seed + (ulong)w),
                () => writer.Statistics.ResignThreshold(options.ResignThreshold));
            long firstId = writer.Statistics.NextGameId;
            Console.WriteLine($"self-play with {options.Net} ({network.Weights.Shape}): {options.Games} games into {options.Out}, " +
                              $"{options.Workers} worker(s) × {options.GamesAtOnce} games at once, {options.Playouts} playouts per move{ModeDescription(selfPlay)}" +
                              (gamesBefore > 0 ? $", continuing after the {gamesBefore} games already there" : ""));

            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); Console.Error.WriteLine("stopping: games in progress are dropped, finished ones written…"); };
            Console.CancelKeyPress += stop;
            var clock = Stopwatch.StartNew();
            int finished = 0;
            try
            {
                var channel = Channel.CreateUnbounded<SelfPlayRecord>(new UnboundedChannelOptions { SingleReader = true });
                var consumer = writer.ConsumeAsync(channel.Reader, record =>
                {
                    finished++;
                    double hours = clock.Elapsed.TotalHours;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"game {record.Id}: {record.Result} in {record.Game.MoveCount} moves, {record.Elapsed.TotalSeconds:0.0} s" +
                        $"{(record.ResignationAllowed ? "" : " (no resignation)")} — {finished / hours:0} games/hour, batch fill {100 * runner.BatchFill:0}%, network busy {100 * runner.NetworkShare(clock.Elapsed):0}%"));
                });
                runner.RunAsync(firstId, options.Games, options.Seed, channel.Writer, interrupt.Token).GetAwaiter().GetResult();
                channel.Writer.Complete();
                consumer.GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
            var stats = writer.Statistics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{finished} games in {clock.Elapsed.TotalSeconds:0} s ({finished / clock.Elapsed.TotalHours:0} games/hour, {runner.Evaluations / clock.Elapsed.TotalSeconds:0} evaluations/s, batch fill {100 * runner.BatchFill:0}%, network busy {100 * runner.NetworkShare(clock.Elapsed):0}%); " +
                $"folder total {layout.CountGames()} games, {stats.Samples} samples, false resignations {stats.FalseResignations} of {stats.NoResignGames} no-resign games"));
            return ExitCode.Success;
        }
        catch (Exception e) when (e is NetworkFormatException or CheckpointFormatException or IOException or UnauthorizedAccessException
                                       or ArgumentException or InvalidDataException or TrainingDataFormatException)
        {
            // The options were checked first, so what is left here is the input's fault: the network or the folder.
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
    }

    /// <summary>The first option out of range, in words naming it; null when all are sound.</summary>
    private static string? Invalid(SelfPlayCommandOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Net)) return "--net is empty: give a network file";
        if (options.Placement().Problem is { } placement) return placement;
        if (string.IsNullOrWhiteSpace(options.Out)) return "--out is empty: give a folder for the games";
        if (options.Games < 1) return $"--games must be at least 1, not {options.Games}";
        foreach (var (value, name) in new[] { (options.Workers, "--workers"), (options.GamesAtOnce, "--games-at-once"), (options.Threads, "--threads"),
                                              (options.GamesPerChunk, "--games-per-chunk"), (options.Playouts, "--playouts"), (options.Batch, "--batch") })
            if (value < 1) return $"{name} must be at least 1, not {value}";
        if (options.ResignThreshold is < 0 or > 1 || double.IsNaN(options.ResignThreshold))
            return $"--resign-threshold must be a win rate from 0 to 1, not {options.ResignThreshold}";
        try
        {
            // The board comes from the network, not yet read; no option's range depends on it.
            SelfPlayOptionsFor(options, 9).Validated();
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        return null;
    }

    /// <summary>The self-play modes of issue 19 that are on, for the opening line; empty when none is.</summary>
    private static string ModeDescription(SelfPlayOptions selfPlay) =>
        (selfPlay.FullSearchShare < 1 ? string.Create(CultureInfo.InvariantCulture, $", {100 * selfPlay.FullSearchShare:0.#}% of moves in full and the rest with {selfPlay.FastPlayoutsFor}") : "")
        + (selfPlay.ForcedPlayoutsK > 0 ? string.Create(CultureInfo.InvariantCulture, $", forced playouts k = {selfPlay.ForcedPlayoutsK}") : "")
        + (selfPlay.GumbelRoot ? $", Gumbel root search of {selfPlay.GumbelConsideredMoves} moves" : "");

    private static SelfPlayOptions SelfPlayOptionsFor(SelfPlayCommandOptions options, int size) =>
        new(size, RulesOptions.Default with { Komi = options.Komi }, options.Playouts, options.Batch, options.TemperatureMoves,
            ResignThreshold: options.ResignThreshold, NoResignShare: options.NoResignShare, FullSearchShare: options.FullSearchShare,
            FastPlayouts: options.FastPlayouts, ForcedPlayoutsK: options.ForcedPlayouts, GumbelRoot: options.Gumbel, GumbelConsideredMoves: options.GumbelMoves);
}
