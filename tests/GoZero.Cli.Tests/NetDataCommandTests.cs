using System.Text.Json;
using GoZero.Network.Tests.Training;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetDataCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-data-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Chunk(string name, int size, int count) =>
        RandomTrainingData.WriteChunk(Path.Combine(folder, name), size, RandomTrainingData.Samples(size, count, seed: count));

    [Fact]
    public void DataSummarisesTheChunksAndNamesTheOnesATrainingRunWouldSkip()
    {
        Chunk("gen-0000.chunk", 9, 3);
        Chunk("gen-0001.chunk", 5, 2);
        Chunk("gen-0002.chunk", 9, 4);
        string cut = Chunk("gen-0003.chunk", 9, 5);
        File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..^1]);
        File.WriteAllText(Path.Combine(folder, "gen-0004.chunk.part"), "being written");

        var run = CommandRun.Of("net", "data", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gen-0000.chunk: 9x9, 3 samples", run.Output);
        Assert.Contains("gen-0001.chunk: 5x5, 2 samples", run.Output);
        Assert.Contains($"skipped {cut}: corrupt or truncated", run.Output);
        Assert.Contains("in progress (not read): gen-0004.chunk.part", run.Output);
        Assert.Contains($"{folder}: 3 chunks, 9 samples (5x5: 2 in 1, 9x9: 7 in 2); 1 skipped", run.Output);

        var json = JsonDocument.Parse(CommandRun.Of("net", "data", folder, "--json").Output).RootElement;
        Assert.Equal(9, json.GetProperty("samples").GetInt64());
        Assert.Equal(3, json.GetProperty("chunks").GetArrayLength());
        Assert.Equal("gen-0003.chunk", json.GetProperty("skipped")[0].GetProperty("file").GetString());
    }

    [Fact]
    public void DataCountsTheSamplesThatCarryEachTarget()
    {
        // Four games of three samples: ownership and score, a score only, an ownership only, neither; every third
        // sample not a full search.
        RandomTrainingData.WriteChunk(Path.Combine(folder, "targets.chunk"), 5, RandomTrainingData.Games(5, 4, 3, seed: 1));

        var run = CommandRun.Of("net", "data", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("targets.chunk: 5x5, 12 samples, version 2: 6 with ownership, 6 with a score, 4 without a policy target", run.Output);
        var chunk = JsonDocument.Parse(CommandRun.Of("net", "data", folder, "--json").Output).RootElement.GetProperty("chunks")[0];
        Assert.Equal((2, 6, 6, 4), (chunk.GetProperty("version").GetInt32(), chunk.GetProperty("with_ownership").GetInt32(),
            chunk.GetProperty("with_score").GetInt32(), chunk.GetProperty("without_policy").GetInt32()));
    }

    [Fact]
    public void AFolderOfGoodChunksExitsZeroAndAMissingOneOne()
    {
        Chunk("a.chunk", 7, 2);
        Assert.Equal(0, CommandRun.Of("net", "data", folder).ExitCode);
        var missing = CommandRun.Of("net", "data", Path.Combine(folder, "missing"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such folder", missing.Error);
        Assert.Equal(2, CommandRun.Of("net", "data").ExitCode);
    }
}
