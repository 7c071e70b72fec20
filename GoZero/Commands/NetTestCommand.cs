using System.Globalization;
using System.Text.Json.Nodes;
using GoZero.Network;
using GoZero.Network.HeldOut;
using GoZero.Network.Import;

namespace GoZero.Cli.Commands;

/// <summary>
/// gozero net test NET --sgf DIR [--tygem DIR] | --data DIR: the network's figures on held-out positions
/// (<see cref="HeldOutTest"/>) — top-1 and top-5 move-prediction accuracy, the policy's cross-entropy and the value's
/// mean squared error, over all positions and by game phase — with the games skipped counted by reason as net data
/// import counts them.
/// </summary>
public static class NetTestCommand
{
    public static int Run(NetOptions options)
    {
        if (options.File is not { Length: > 0 } path) return CommandFailure.Report("net test needs the network NET", ExitCode.BadArguments);
        if (options.Target is not null) return CommandFailure.Report($"net test takes its test set as options, not '{options.Target}'", ExitCode.BadArguments);
        if (options.Threads is < 1 or > 256) return CommandFailure.Report($"--threads must be 1 to 256, not {options.Threads}", ExitCode.BadArguments);
        var (placement, badPlacement) = options.Placement();
        if (placement is null) return CommandFailure.Report(badPlacement!, ExitCode.BadArguments);
        HeldOutOptions test;
        try
        {
            test = new HeldOutOptions(options.Sgf, options.Tygem, options.Data, options.Board, options.MinMoves, options.Games, options.Batch, options.Average).Validated();
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report($"net test: {e.Message}", ExitCode.BadArguments);
        }
        var file = NetworkFile.Load(path);
        var shape = file.Weights.Shape;
        // --board defaults to 19; the network's size decides the games kept, and another --board must agree with it.
        if (options.Board != 19 && options.Board != shape.BoardSize)
            return CommandFailure.Report($"--board {options.Board}, but {path} is a {shape.BoardSize}×{shape.BoardSize} network", ExitCode.BadArguments);
        test = test with { BoardSize = shape.BoardSize };

        using var network = ModelFactory.OpenInference(file.Weights, options.Threads, placement.Backend, placement.Device);
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += stop;
        HeldOutSummary summary;
        try
        {
            summary = Test(test, network, options.Json, interrupt.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing folders, folders with nothing to test on.
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        if (options.Json) Console.WriteLine(ToJson(path, shape, test, summary).ToJsonString());
        else foreach (string line in Describe(path, shape, test, summary)) Console.WriteLine(line);
        return ExitCode.Success;
    }

    private static void Warn(string message) => Console.Error.WriteLine($"warning: skipped {message}");

    private static HeldOutSummary Test(HeldOutOptions test, IInferenceModel network, bool json, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return ProgressDisplay.Run("testing", json, report =>
            HeldOutTest.Run(test, network, Warn, p => report(p.Fraction, Counts(p, clock.Elapsed)), cancel));
    }

    private static string Counts(HeldOutProgress p, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Games:N0} games, {p.Positions:N0} positions, {p.Positions / Math.Max(elapsed.TotalSeconds, 1e-3):0} positions/s");

    private static string Symmetry(HeldOutOptions test) => test.Average ? "mean of the 8 symmetries" : "identity symmetry";

    private static string Source(HeldOutOptions test) =>
        test.Data is { } data ? $"the chunks of {data}" : string.Join(" and ", new[] { test.Tygem, test.Sgf }.OfType<string>());

    private static IEnumerable<string> Describe(string path, NetworkShape shape, HeldOutOptions test, HeldOutSummary s)
    {
        yield return $"{path} ({shape}, {Symmetry(test)}) on {Source(test)}";
        if (test.Data is null)
        {
            var skips = s.Skipped.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Describe()} {kv.Value:N0}").ToList();
            yield return $"{s.GamesRead:N0} games read, {s.Games:N0} tested, {s.GamesSkipped:N0} skipped" + (skips.Count > 0 ? $" ({string.Join(", ", skips)})" : "");
        }
        else
        {
            yield return $"{s.Games:N0} games" + (s.ChunksSkipped > 0 ? $"; {s.ChunksSkipped} chunks skipped" : "");
        }
        yield return $"{"moves",-8} {"positions",10} {"top-1",7} {"top-5",7} {"cross-entropy",13} {"value MSE",9}";
        yield return Row("all", s.Metrics.All);
        foreach (var phase in Enum.GetValues<GamePhase>()) yield return Row(phase.Moves(), s.Metrics[phase]);
        string warnings = s.Warnings > 0 ? $"; {s.Warnings:N0} warnings on stderr" : "";
        yield return string.Create(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalSeconds:0.0} s, {s.PositionsPerSecond:0} positions/s{warnings}");
        if (s.Stopped) yield return "stopped: the figures are those of the positions tested so far";
    }

    private static string Row(string moves, PredictionTotals t) => string.Create(CultureInfo.InvariantCulture,
        $"{moves,-8} {t.Positions,10:N0} {t.Top1,7:P2} {t.Top5,7:P2} {t.CrossEntropy,13:0.0000} {t.ValueMse,9:0.0000}");

    private static JsonObject Figures(PredictionTotals t) => new()
    {
        ["positions"] = t.Positions,
        ["top1"] = t.Top1,
        ["top5"] = t.Top5,
        ["cross_entropy"] = t.CrossEntropy,
        ["value_mse"] = t.ValueMse,
    };

    private static JsonObject ToJson(string path, NetworkShape shape, HeldOutOptions test, HeldOutSummary s)
    {
        var json = new JsonObject
        {
            ["network"] = path,
            ["shape"] = shape.ToString(),
            ["symmetry"] = test.Average ? "average" : "identity",
            ["sgf"] = test.Sgf,
            ["tygem"] = test.Tygem,
            ["data"] = test.Data,
            ["games_read"] = s.GamesRead,
            ["games"] = s.Games,
            ["games_skipped"] = s.GamesSkipped,
            ["skipped"] = new JsonObject(s.Skipped.Select(kv => KeyValuePair.Create(kv.Key.Name(), (JsonNode?)kv.Value))),
            ["chunks_skipped"] = s.ChunksSkipped,
        };
        foreach (var (key, value) in Figures(s.Metrics.All)) json[key] = value?.DeepClone();
        json["phases"] = new JsonArray([.. Enum.GetValues<GamePhase>().Select(phase =>
        {
            var figures = Figures(s.Metrics[phase]);
            figures.Insert(0, "moves", phase.Moves());
            return (JsonNode)figures;
        })]);
        json["seconds"] = Math.Round(s.Elapsed.TotalSeconds, 3);
        json["positions_per_second"] = Math.Round(s.PositionsPerSecond, 1);
        json["warnings"] = s.Warnings;
        json["stopped"] = s.Stopped;
        return json;
    }
}
