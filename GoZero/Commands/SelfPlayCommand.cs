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
            if (options.Games < 1) return CommandFailure.Report($"--games must be at least 1, not {options.Games}", 2);
            if (options.Workers < 1 || options.GamesAtOnce < 1 || options.Threads < 1)
                return CommandFailure.Report("--workers, --games-at-once and --threads must be at least 1", 2);
            var network = NetworkFile.Load(options.Net);
            int size = network.Weights.Shape.BoardSize;
            var selfPlay = new SelfPlayOptions(size, RulesOptions.Default with { Komi = options.Komi }, options.Playouts, options.Batch,
                options.TemperatureMoves, ResignThreshold: options.ResignThreshold, NoResignShare: options.NoResignShare).Validated();

            using var net = new PolicyValueNet(network.Weights, options.Threads);
            using var writer = new SelfPlayWriter(options.Out, size, options.GamesPerChunk);
            var runner = new SelfPlayRunner(selfPlay, options.Workers, options.GamesAtOnce, w => new NetworkPolicyEvaluator(net, seed: options.Seed + (ulong)w),
                () => writer.Statistics.ResignThreshold(options.ResignThreshold));
            long firstId = writer.Statistics.NextGameId;
            Console.WriteLine($"self-play with {options.Net} ({network.Weights.Shape}): {options.Games} games into {options.Out}, " +
                              $"{options.Workers} worker(s) × {options.GamesAtOnce} games at once, {options.Playouts} playouts per move" +
                              (firstId > 0 ? $", continuing after {firstId} games" : ""));

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
                        $"{(record.ResignationAllowed ? "" : " (no resignation)")} — {finished / hours:0} games/hour, batch fill {100 * runner.BatchFill:0}%"));
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
                $"{finished} games in {clock.Elapsed.TotalSeconds:0} s ({finished / clock.Elapsed.TotalHours:0} games/hour, {runner.Evaluations / clock.Elapsed.TotalSeconds:0} evaluations/s, batch fill {100 * runner.BatchFill:0}%); " +
                $"folder total {stats.Games} games, {stats.Samples} samples, false resignations {stats.FalseResignations} of {stats.NoResignGames} no-resign games"));
            return 0;
        }
        catch (Exception e) when (e is NetworkFormatException or CheckpointFormatException or IOException or UnauthorizedAccessException
                                       or ArgumentException or InvalidDataException or TrainingDataFormatException)
        {
            return CommandFailure.Report(e.Message, 1);
        }
    }
}
