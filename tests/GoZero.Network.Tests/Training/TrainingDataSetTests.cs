using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public sealed class TrainingDataSetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-dataset-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private List<TrainingSample> Chunk(string name, int count, int size = 5, ulong firstGameId = 0)
    {
        var samples = RandomTrainingData.Samples(size, count, seed: (int)firstGameId + size, firstGameId);
        RandomTrainingData.WriteChunk(Path.Combine(folder, name), size, samples);
        return samples;
    }

    [Fact]
    public void TheWindowHoldsTheMostRecentSamplesOldestFirstInNameOrder()
    {
        var c = Chunk("gen-0002.chunk", 3, firstGameId: 200);
        var a = Chunk("gen-0000.chunk", 3, firstGameId: 0);
        var b = Chunk("gen-0001.chunk", 3, firstGameId: 100);

        var data = TrainingDataSet.Load(folder, 5, window: 5);

        Assert.Equal(5, data.Count);
        Assert.Equal([101UL, 102, 200, 201, 202], Enumerable.Range(0, data.Count).Select(i => data[i].GameId));
        Assert.Equal(["gen-0001.chunk", "gen-0002.chunk"], data.Chunks.Select(Path.GetFileName));
        for (int i = 0; i < 2; i++) RandomTrainingData.AssertSameSample(b[1 + i], data[i]);
        for (int i = 0; i < 3; i++) RandomTrainingData.AssertSameSample(c[i], data[2 + i]);
        Assert.Empty(data.Skipped);

        var all = TrainingDataSet.Load(folder, 5, window: 1000);
        Assert.Equal(a.Concat(b).Concat(c).Select(s => s.GameId), Enumerable.Range(0, all.Count).Select(i => all[i].GameId));
    }

    [Fact]
    public void ACorruptChunkIsSkippedAndNamedAndTheOthersAreKept()
    {
        Chunk("gen-0000.chunk", 4, firstGameId: 0);
        Chunk("gen-0001.chunk", 4, firstGameId: 100);
        Chunk("gen-0002.chunk", 4, firstGameId: 200);
        string corrupt = Path.Combine(folder, "gen-0001.chunk");
        byte[] bytes = File.ReadAllBytes(corrupt);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(corrupt, bytes);
        string truncated = Path.Combine(folder, "gen-0002.chunk");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..^10]);

        var data = TrainingDataSet.Load(folder, 5, window: 6);

        Assert.Equal([0UL, 1, 2, 3], Enumerable.Range(0, data.Count).Select(i => data[i].GameId));
        Assert.Equal([truncated, corrupt], data.Skipped.Select(e => e.Path));
        Assert.All(data.Skipped, e => Assert.Contains("corrupt or truncated", e.Reason));
    }

    [Fact]
    public void PartFilesOtherFilesAndOtherBoardSizesAreNotTaken()
    {
        Chunk("gen-0000.chunk", 2, firstGameId: 0);
        Chunk("gen-0001.chunk", 2, size: 9, firstGameId: 100);
        Chunk("gen-0002.chunk", 2, firstGameId: 200);
        // What a writer that crashed mid-chunk leaves, and files that are no chunks.
        File.Copy(Path.Combine(folder, "gen-0002.chunk"), Path.Combine(folder, "gen-0003.chunk.part"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a chunk");
        File.WriteAllText(Path.Combine(folder, "gen-0004.chunkx"), "not a chunk either");

        var data = TrainingDataSet.Load(folder, 5, window: 100);

        Assert.Equal([0UL, 1, 200, 201], Enumerable.Range(0, data.Count).Select(i => data[i].GameId));
        var skipped = Assert.Single(data.Skipped);
        Assert.Equal(Path.Combine(folder, "gen-0001.chunk"), skipped.Path);
        Assert.Equal("it holds 9×9 samples, not 5×5", skipped.Reason);
    }

    [Fact]
    public void AnEmptyFolderGivesAnEmptyDataSetAndAMissingOneAnError()
    {
        Assert.Equal(0, TrainingDataSet.Load(folder, 19, window: 10).Count);
        Assert.Throws<DirectoryNotFoundException>(() => TrainingDataSet.Load(Path.Combine(folder, "missing"), 19, window: 10));
    }
}
