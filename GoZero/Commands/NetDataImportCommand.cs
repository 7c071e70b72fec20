using System.Globalization;
using System.Text.Json.Nodes;
using GoZero.Network.Import;

namespace GoZero.Cli.Commands;

/// <summary>
/// gozero net data import --tygem DIR --sgf DIR --out DIR: expert games to training chunks, one sample per move
/// (<see cref="ExpertGameImport"/>); the games skipped are counted by reason, the unreadable ones named with their file
/// and line. Running it again after a stop continues it.
/// </summary>
public static class NetDataImportCommand
{
    /// <summary>The word after "net data" that asks for an import rather than a folder to check.</summary>
    public const string Action = "import";

    public static int Run(NetOptions options)
    {
        if (options.Target is not null) return CommandFailure.Report($"net data import takes its folders as options, not '{options.Target}'", ExitCode.BadArguments);
        ImportOptions import;
        try
        {
            import = new ImportOptions(options.Out ?? "", options.Tygem, options.Sgf, options.Board, options.MinMoves, options.Games, options.GamesPerChunk).Validated();
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report($"net data import: {e.Message}", ExitCode.BadArguments);
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += stop;
        ImportSummary summary;
        try
        {
            summary = Import(import, options.Json, interrupt.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing inputs, a folder made by another import, a disk that is full.
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        if (options.Json) Console.WriteLine(ToJson(import, summary).ToJsonString());
        else foreach (string line in Describe(import, summary)) Console.WriteLine(line);
        return ExitCode.Success;
    }

    private static void Warn(string message) => Console.Error.WriteLine($"warning: skipped {message}");

    /// <summary>Runs the import under <see cref="ProgressDisplay"/>, measured in input bytes.</summary>
    private static ImportSummary Import(ImportOptions import, bool json, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return ProgressDisplay.Run("importing", json, report =>
            ExpertGameImport.Run(import, Warn, p => report((double)p.BytesRead / Math.Max(1, p.BytesTotal), Counts(p, clock.Elapsed)), cancel));
    }

    private static string Counts(ImportProgress p, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{p.GamesRead:N0} games read, {p.GamesImported:N0} imported, {p.Samples:N0} samples, {p.GamesRead / Math.Max(elapsed.TotalSeconds, 1e-3):0} games/s");

    private static IEnumerable<string> Describe(ImportOptions import, ImportSummary s)
    {
        var skips = s.Skipped.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Describe()} {kv.Value:N0}").ToList();
        var komi = s.Komi.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key:0.##} ({kv.Value:N0} games)"));
        yield return $"{import.Out}: {s.GamesRead:N0} games read, {s.GamesImported:N0} imported, {s.GamesSkipped:N0} skipped" +
                     (skips.Count > 0 ? $" ({string.Join(", ", skips)})" : "");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{s.Samples:N0} samples in {s.Chunks} chunks ({s.ChunksWritten} written now, {s.ChunksKept} kept from an earlier run), {s.ChunkBytes / 1e6:0.0} MB: {s.BytesPerSample:0.0} bytes a sample");
        if (s.Komi.Count > 0) yield return $"komi: {string.Join(", ", komi)}";
        string warnings = s.Warnings > 0 ? $"; {s.Warnings:N0} warnings on stderr" : "";
        yield return string.Create(CultureInfo.InvariantCulture, $"{s.Elapsed.TotalSeconds:0.0} s, {s.GamesPerSecond:0} games/s{warnings}");
        if (s.Stopped) yield return "stopped: the chunk in progress was dropped; run the same command again to continue";
    }

    private static JsonObject ToJson(ImportOptions import, ImportSummary s) => new()
    {
        ["out"] = import.Out,
        ["games_read"] = s.GamesRead,
        ["games_imported"] = s.GamesImported,
        ["games_skipped"] = s.GamesSkipped,
        ["skipped"] = new JsonObject(s.Skipped.Select(kv => KeyValuePair.Create(kv.Key.Name(), (JsonNode?)kv.Value))),
        ["samples"] = s.Samples,
        ["chunks"] = s.Chunks,
        ["chunks_written"] = s.ChunksWritten,
        ["chunks_kept"] = s.ChunksKept,
        ["chunk_bytes"] = s.ChunkBytes,
        ["bytes_per_sample"] = Math.Round(s.BytesPerSample, 2),
        ["komi"] = new JsonArray([.. s.Komi.Select(kv => new JsonObject { ["komi"] = kv.Key, ["games"] = kv.Value })]),
        ["seconds"] = Math.Round(s.Elapsed.TotalSeconds, 3),
        ["games_per_second"] = Math.Round(s.GamesPerSecond, 1),
        ["warnings"] = s.Warnings,
        ["stopped"] = s.Stopped,
    };
}
