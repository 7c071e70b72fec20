using System.Text.Json.Nodes;
using GoZero.Network.Training;

namespace GoZero.Cli.Commands;

/// <summary>gozero net data DIR: what a folder of training chunks holds (per chunk its format version and how many
/// samples carry each target), every chunk read and checked as a training run would read it; the chunks a run would
/// skip are named with the reason.</summary>
public static class NetDataCommand
{
    public static int Run(NetOptions options)
    {
        if (options.File == NetDataImportCommand.Action) return NetDataImportCommand.Run(options);
        if (options.File is not { Length: > 0 } directory) return CommandFailure.Report("net data needs the folder DIR", ExitCode.BadArguments);
        if (!Directory.Exists(directory))
            return CommandFailure.Report(PathArgument.NotAFolder(directory) ?? $"{directory}: no such folder", ExitCode.BadInput);
        var chunks = new List<ChunkSummary>();
        var skipped = new List<TrainingDataFormatException>();
        foreach (string path in TrainingDataSet.ChunkPaths(directory))
        {
            try
            {
                using var reader = TrainingChunkReader.Open(path);
                chunks.Add(ChunkSummary.Of(Path.GetFileName(path), reader));
            }
            catch (TrainingDataFormatException e)
            {
                skipped.Add(e);
            }
        }
        var parts = Directory.GetFiles(directory, "*" + TrainingChunk.Extension + TrainingChunk.PartSuffix)
            .Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
        var sizes = chunks.GroupBy(c => c.BoardSize).OrderBy(g => g.Key)
            .Select(g => (BoardSize: g.Key, Chunks: g.Count(), Samples: g.Sum(c => c.Samples))).ToList();

        if (options.Json)
        {
            Console.WriteLine(new JsonObject
            {
                ["directory"] = directory,
                ["chunks"] = new JsonArray([.. chunks.Select(c => new JsonObject
                {
                    ["file"] = c.Name, ["board"] = c.BoardSize, ["version"] = c.Version, ["samples"] = c.Samples,
                    ["with_ownership"] = c.WithOwnership, ["with_score"] = c.WithScore, ["without_policy"] = c.WithoutPolicy,
                })]),
                ["samples"] = chunks.Sum(c => c.Samples),
                ["boards"] = new JsonArray([.. sizes.Select(s => new JsonObject { ["board"] = s.BoardSize, ["chunks"] = s.Chunks, ["samples"] = s.Samples })]),
                ["skipped"] = new JsonArray([.. skipped.Select(e => new JsonObject { ["file"] = Path.GetFileName(e.Path), ["reason"] = e.Reason })]),
                ["in_progress"] = new JsonArray([.. parts.Select(p => JsonValue.Create(p))]),
            }.ToJsonString());
            return skipped.Count == 0 ? ExitCode.Success : ExitCode.BadInput;
        }
        foreach (var c in chunks)
            Console.WriteLine($"{c.Name}: {c.BoardSize}x{c.BoardSize}, {c.Samples:N0} samples, version {c.Version}: " +
                $"{c.WithOwnership:N0} with ownership, {c.WithScore:N0} with a score, {c.WithoutPolicy:N0} without a policy target");
        foreach (var e in skipped) Console.WriteLine($"skipped {e.Path}: {e.Reason}");
        foreach (string part in parts) Console.WriteLine($"in progress (not read): {part}");
        string bySize = sizes.Count == 0 ? "" : " (" + string.Join(", ", sizes.Select(s => $"{s.BoardSize}x{s.BoardSize}: {s.Samples:N0} in {s.Chunks}")) + ")";
        Console.WriteLine($"{directory}: {chunks.Count} chunks, {chunks.Sum(c => c.Samples):N0} samples{bySize}; {skipped.Count} skipped");
        return skipped.Count == 0 ? ExitCode.Success : ExitCode.BadInput;
    }

    /// <summary>A chunk's samples, and how many carry each target (KataGo's final ownership and score; π, unless the
    /// move was not a full search).</summary>
    private sealed record ChunkSummary(string Name, int BoardSize, uint Version, long Samples, long WithOwnership, long WithScore, long WithoutPolicy)
    {
        public static ChunkSummary Of(string name, TrainingChunkReader reader)
        {
            long samples = 0, withOwnership = 0, withScore = 0, withoutPolicy = 0;
            foreach (var sample in reader.ReadSamples())
            {
                samples++;
                if (sample.FinalTargets is { HasOwnership: true }) withOwnership++;
                if (sample.FinalTargets is { BlackScore: not null }) withScore++;
                if (!sample.FullSearch) withoutPolicy++;
            }
            return new ChunkSummary(name, reader.BoardSize, reader.Version, samples, withOwnership, withScore, withoutPolicy);
        }
    }
}
