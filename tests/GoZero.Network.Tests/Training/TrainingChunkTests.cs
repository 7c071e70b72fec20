using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public sealed class TrainingChunkTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-chunk-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private string Written(string name, IEnumerable<TrainingSample> samples, int size) =>
        RandomTrainingData.WriteChunk(PathIn(name), size, samples);

    private static List<TrainingSample> ReadAll(string path, int? expectedSize = null)
    {
        using var reader = TrainingChunkReader.Open(path, expectedSize);
        return reader.ReadSamples().ToList();
    }

    private static TrainingDataFormatException ReadFails(string path, int? expectedSize = null)
    {
        var error = Assert.Throws<TrainingDataFormatException>(() => ReadAll(path, expectedSize));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message);
        return error;
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(5, 40)]
    [InlineData(9, 60)]
    [InlineData(19, 30)]
    public void SamplesReadBackBitForBit(int size, int count)
    {
        var samples = RandomTrainingData.Samples(size, count, seed: size, firstGameId: ulong.MaxValue - 100);
        string path = Written("a.chunk", samples, size);

        using var reader = TrainingChunkReader.Open(path);
        Assert.Equal((size, (long)count), (reader.BoardSize, reader.Count));
        var read = reader.ReadSamples().ToList();
        Assert.Equal(count, read.Count);
        for (int i = 0; i < count; i++) RandomTrainingData.AssertSameSample(samples[i], read[i]);
        Assert.Equal(samples.Skip(count - 3).Select(s => s.GameId), reader.ReadSamples(skip: count - 3).Select(s => s.GameId));
    }

    [Theory]
    [InlineData(2, 4, 3)]
    [InlineData(5, 8, 6)]
    [InlineData(9, 5, 10)]
    [InlineData(19, 4, 7)]
    public void FinalTargetsAndFullSearchReadBackOneInstancePerGame(int size, int games, int perGame)
    {
        var samples = RandomTrainingData.Games(size, games, perGame, seed: size, firstGameId: 1000);
        string path = Written("targets.chunk", samples, size);

        using var reader = TrainingChunkReader.Open(path);
        Assert.Equal(TrainingChunk.FormatVersion, reader.Version);
        var read = reader.ReadSamples().ToList();
        Assert.Equal(samples.Count, read.Count);
        for (int i = 0; i < samples.Count; i++) RandomTrainingData.AssertSameSample(samples[i], read[i]);
        foreach (var game in read.GroupBy(s => s.GameId))
            Assert.All(game, s => Assert.Same(game.First().FinalTargets, s.FinalTargets));
        Assert.Contains(read, s => !s.FullSearch);
        Assert.Contains(read, s => s.FinalTargets is { HasOwnership: true, BlackScore: not null });
        Assert.Contains(read, s => s.FinalTargets is null);
        // Samples skipped still leave the targets of their game to the samples after them.
        int firstOfSecondGame = perGame;
        var tail = reader.ReadSamples(skip: firstOfSecondGame + 1).ToList();
        Assert.Equal(samples.Count - firstOfSecondGame - 1, tail.Count);
        RandomTrainingData.AssertSameSample(samples[firstOfSecondGame + 1], tail[0]);
    }

    [Fact]
    public void AGamesFinalTargetsCostAFewBytesASample()
    {
        // 19×19 games of 100 positions: a game's ownership and score are written once, not with each sample.
        var with = RandomTrainingData.Games(19, 4, 100, seed: 3);
        var without = RandomTrainingData.Games(19, 4, 100, seed: 3, withFinalTargets: false);
        long withBytes = new FileInfo(Written("with.chunk", with, 19)).Length;
        long withoutBytes = new FileInfo(Written("without.chunk", without, 19)).Length;
        double perSample = (withBytes - withoutBytes) / (double)with.Count;
        Assert.InRange(perSample, 0, 2);
    }

    [Fact]
    public void OneHotPolicyReadsBackAsTheSameValuesInSharedMemory()
    {
        // Expert moves (one-hot π) share one array per move; a π of two moves, or near one-hot, keeps its own.
        const int size = 9;
        var random = new Random(4);
        var game = RandomTrainingData.Game(size, 12, random);
        float[] OneHot(int move) { var p = new float[size * size + 1]; p[move] = 1f; return p; }
        var nearOneHot = OneHot(40);
        nearOneHot[40] = 0.9995f;
        nearOneHot[41] = 0.0005f;
        var samples = new[] { OneHot(3), OneHot(3), OneHot(size * size), RandomTrainingData.Policy(size, random), nearOneHot }
            .Select((policy, i) => TrainingSample.Capture(game, policy, (ulong)i)).ToList();
        var read = ReadAll(Written("onehot.chunk", samples, size));
        for (int i = 0; i < samples.Count; i++) RandomTrainingData.AssertSameSample(samples[i], read[i]);
        static bool Shared(TrainingSample a, TrainingSample b) =>
            System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a.Policy), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b.Policy));
        Assert.True(Shared(read[0], read[1]));
        Assert.False(Shared(read[0], read[2]));
        Assert.False(Shared(read[3], read[4]));
        Assert.Equal(1f, read[2].Policy[size * size]);
        Assert.Equal(0.0005f, read[4].Policy[41]);
    }

    [Fact]
    public void AnEmptyChunkReadsAsNoSamples()
    {
        Assert.Empty(ReadAll(Written("empty.chunk", [], 9)));
    }

    [Fact]
    public void TheChunkAppearsOnlyWhenComplete()
    {
        string path = PathIn("g.chunk");
        using var writer = new TrainingChunkWriter(path, 5);
        foreach (var sample in RandomTrainingData.Samples(5, 10, seed: 1)) writer.Append(sample);
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + ".part"));
        Assert.Equal(path + ".part", writer.PartPath);

        writer.Complete();
        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".part"));
        Assert.Equal(10, ReadAll(path).Count);
        Assert.Throws<InvalidOperationException>(() => writer.Append(RandomTrainingData.Samples(5, 1, seed: 2)[0]));
    }

    [Fact]
    public void AWriterDisposedBeforeCompleteLeavesNothing()
    {
        string path = PathIn("abandoned.chunk");
        using (var writer = new TrainingChunkWriter(path, 5))
            foreach (var sample in RandomTrainingData.Samples(5, 3, seed: 1)) writer.Append(sample);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void CompleteRefusesToReplaceAChunk()
    {
        string path = Written("same.chunk", RandomTrainingData.Samples(5, 2, seed: 1), 5);
        byte[] before = File.ReadAllBytes(path);
        using var writer = new TrainingChunkWriter(path, 5);
        writer.Append(RandomTrainingData.Samples(5, 1, seed: 9)[0]);
        Assert.Throws<IOException>(writer.Complete);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void TheWriterRefusesOtherNamesAndOtherBoardSizes()
    {
        Assert.Throws<ArgumentException>(() => new TrainingChunkWriter(PathIn("x.bin"), 5));
        using var writer = new TrainingChunkWriter(PathIn("x.chunk"), 5);
        Assert.Throws<ArgumentException>(() => writer.Append(RandomTrainingData.Samples(9, 1, seed: 1)[0]));
    }

    [Fact]
    public void EveryFlippedByteIsDetected()
    {
        var samples = RandomTrainingData.Games(3, 3, 2, seed: 5);
        AssertEveryFlippedByteIsDetected(Written("good.chunk", samples, 3), samples);
    }

    [Fact]
    public void EveryFlippedByteOfAVersion1ChunkIsDetected() =>
        AssertEveryFlippedByteIsDetected(ChunkFixture.Version1, ChunkFixture.Version1Samples());

    private void AssertEveryFlippedByteIsDetected(string good, List<TrainingSample> samples)
    {
        byte[] bytes = File.ReadAllBytes(good);
        string damaged = PathIn("damaged.chunk");
        foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            for (int at = 0; at < bytes.Length; at++)
            {
                byte[] copy = [.. bytes];
                copy[at] ^= flip;
                File.WriteAllBytes(damaged, copy);
                // A damaged chunk must never read as other samples: it is refused, or (were the damage harmless)
                // reads as exactly the original.
                try
                {
                    var read = ReadAll(damaged);
                    Assert.Equal(samples.Count, read.Count);
                    for (int i = 0; i < read.Count; i++) RandomTrainingData.AssertSameSample(samples[i], read[i]);
                }
                catch (TrainingDataFormatException e)
                {
                    Assert.Equal(damaged, e.Path);
                }
            }
    }

    [Fact]
    public void ATruncatedChunkIsRefusedWhereverItIsCut() =>
        AssertRefusedWhereverItIsCut(Written("good.chunk", RandomTrainingData.Games(5, 4, 5, seed: 6), 5));

    [Fact]
    public void ATruncatedVersion1ChunkIsRefusedWhereverItIsCut() => AssertRefusedWhereverItIsCut(ChunkFixture.Version1);

    private void AssertRefusedWhereverItIsCut(string good)
    {
        byte[] bytes = File.ReadAllBytes(good);
        string cut = PathIn("cut.chunk");
        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(cut, bytes[..length]);
            string reason = ReadFails(cut).Reason;
            Assert.Matches(length == 0 ? "empty" : length < 8 ? "not a GoZero training chunk" : "truncated", reason);
        }
    }

    [Fact]
    public void ForeignFilesAreRefusedWithAReason()
    {
        string empty = PathIn("empty.chunk");
        File.WriteAllBytes(empty, []);
        Assert.Contains("the file is empty", ReadFails(empty).Reason);

        string noise = PathIn("noise.chunk");
        File.WriteAllBytes(noise, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 >> 3)).ToArray());
        Assert.Contains("not a GoZero training chunk", ReadFails(noise).Reason);

        string sgf = PathIn("game.chunk");
        File.WriteAllText(sgf, "(;GM[1]FF[4]SZ[9];B[ee];W[cc])");
        Assert.Contains("starts with 283B474D", ReadFails(sgf).Reason);

        string checkpoint = PathIn("net.chunk");
        new Checkpoint(NetworkWeights.Random(new NetworkShape(5, 1, 4), 1), CheckpointMetadata.New()).Save(checkpoint);
        Assert.Contains("it is a GoZero checkpoint", ReadFails(checkpoint).Reason);

        Assert.Equal("no such file", ReadFails(PathIn("missing.chunk")).Reason);
    }

    [Fact]
    public void AChunkOfAnotherBoardSizeIsRefusedWhenASizeIsExpected()
    {
        string path = Written("nine.chunk", RandomTrainingData.Samples(9, 2, seed: 1), 9);
        Assert.Equal(2, ReadAll(path, expectedSize: 9).Count);
        var error = ReadFails(path, expectedSize: 19);
        Assert.Equal("it holds 9×9 samples, not 19×19", error.Reason);
        Assert.Equal(12, error.Offset);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    public void AnotherFormatVersionIsRefused(uint version)
    {
        string path = Written("other.chunk", RandomTrainingData.Samples(5, 1, seed: 1), 5);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), version);
        File.WriteAllBytes(path, bytes);
        Assert.Contains($"version {version} is not supported (this GoZero reads versions 1 to 2)", ReadFails(path).Reason);
    }

    [Fact]
    public void AVersion1ChunkReadsAsPolicyAndValueSamplesWithoutFinalTargets()
    {
        using var reader = TrainingChunkReader.Open(ChunkFixture.Version1, 9);
        Assert.Equal(1u, reader.Version);
        var read = reader.ReadSamples().ToList();
        var expected = ChunkFixture.Version1Samples();
        Assert.Equal(expected.Count, read.Count);
        for (int i = 0; i < read.Count; i++) RandomTrainingData.AssertSameSample(expected[i], read[i]);
        Assert.All(read, s => Assert.True(s.FullSearch));
        Assert.All(read, s => Assert.Null(s.FinalTargets));
    }

    // A writer's bug, not damage: the SHA-256 agrees, yet what it covers is wrong. The reader still refuses it.

    [Fact]
    public void ASampleThatIsNotOneIsRefusedEvenUnderAGoodHash()
    {
        byte[] payload = Payload(RandomTrainingData.Samples(5, 2, seed: 3), 5);
        int second = 2 + TrainingChunk.RecordSize(5);
        payload[second + 2 + 12] = 3;   // z of the second sample
        string path = Rebuilt("bad-z.chunk", 5, payload, count: 2);

        var error = ReadFails(path);
        Assert.Contains($"sample 1 (byte {second + 2} ", error.Reason);
        Assert.Contains("outcome z is 3", error.Reason);
    }

    [Fact]
    public void ACountThatDisagreesWithThePayloadIsRefusedEvenUnderAGoodHash()
    {
        byte[] payload = Payload(RandomTrainingData.Samples(5, 3, seed: 3), 5);
        Assert.Contains("the payload ends in sample 3", ReadFails(Rebuilt("more.chunk", 5, payload, count: 4)).Reason);
        Assert.Contains("more than the 2 samples", ReadFails(Rebuilt("fewer.chunk", 5, payload, count: 2)).Reason);
        Assert.Contains("the payload ends in sample 2", ReadFails(Rebuilt("partial.chunk", 5, payload[..^7], count: 3)).Reason);
    }

    [Fact]
    public void APayloadThatIsNotBrotliIsRefusedEvenUnderAGoodHash()
    {
        byte[] payload = Payload(RandomTrainingData.Samples(5, 2, seed: 3), 5);
        var error = ReadFails(Rebuilt("raw.chunk", 5, payload, count: 2, compress: false));
        Assert.Contains("the compressed payload is damaged in sample 0", error.Reason);
    }

    /// <summary>Entries of a 5×5 chunk of two games of two samples: game 0's final targets (kind, game id, flags,
    /// score, 7 bytes of ownership: 21 bytes) at 0, its samples at 21 and 21 + 2 + R, game 1's targets (a score only:
    /// 14 bytes), its samples.</summary>
    private const int OwnershipAt = 1 + 8 + 1 + 4, FirstSampleAt = OwnershipAt + 7;

    [Theory]
    [InlineData(0, 7, "an entry of kind 7, neither a sample (1) nor final targets (2)")]
    [InlineData(9, 0, "final targets with flags 00, not 1 to 3")]
    [InlineData(9, 4, "final targets with flags 04, not 1 to 3")]
    [InlineData(OwnershipAt, 3, "the final owner of point 0 is code 3, which means nothing")]
    [InlineData(OwnershipAt + 6, 0x04, "bits are set past the final ownership")]
    [InlineData(FirstSampleAt + 1, 0x83, "flags 83 set unknown bits")]
    [InlineData(FirstSampleAt, 9, "an entry of kind 9")]
    public void GarbledFinalTargetsAreRefusedEvenUnderAGoodHash(int at, byte value, string reason)
    {
        byte[] payload = Payload(RandomTrainingData.Games(5, 2, 2, seed: 8), 5);
        Assert.Equal(TrainingChunk.FinalTargetsEntry, payload[0]);
        Assert.Equal(TrainingChunk.SampleEntry, payload[FirstSampleAt]);
        payload[at] = value;
        Assert.Contains(reason, ReadFails(Rebuilt("garbled.chunk", 5, payload, count: 4)).Reason);
    }

    [Fact]
    public void AScoreNoBoardCouldGiveIsRefusedEvenUnderAGoodHash()
    {
        byte[] payload = Payload(RandomTrainingData.Games(5, 2, 2, seed: 8), 5);
        foreach (float score in new[] { float.NaN, float.PositiveInfinity, 25 + 1000.5f })
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(10), score);
            Assert.Contains($"the final score {score} is not a score of a 5×5 game", ReadFails(Rebuilt("score.chunk", 5, payload, count: 4)).Reason);
        }
    }

    [Fact]
    public void ASampleTakingTheFinalTargetsOfAnotherGameIsRefusedEvenUnderAGoodHash()
    {
        byte[] payload = Payload(RandomTrainingData.Games(5, 2, 2, seed: 8, firstGameId: 40), 5);
        payload[1] = 41;   // game 0's targets now say they are game 41's
        Assert.Contains("sample 0 (byte 23 of the decompressed payload) takes the final targets of its game 40, and none come before it",
            ReadFails(Rebuilt("other-game.chunk", 5, payload, count: 4)).Reason);

        byte[] none = Payload(RandomTrainingData.Games(5, 2, 2, seed: 8, firstGameId: 40), 5)[FirstSampleAt..];
        Assert.Contains("sample 0 (byte 2 of the decompressed payload) takes the final targets of its game 40, and none come before it",
            ReadFails(Rebuilt("no-targets.chunk", 5, none, count: 4)).Reason);
    }

    /// <summary>The decompressed payload of the chunk the writer makes of these samples.</summary>
    private byte[] Payload(IReadOnlyList<TrainingSample> samples, int boardSize)
    {
        byte[] file = File.ReadAllBytes(Written("payload.chunk", samples, boardSize));
        File.Delete(PathIn("payload.chunk"));
        using var compressed = new MemoryStream(file, TrainingChunk.HeaderSize, file.Length - TrainingChunk.HeaderSize - TrainingChunk.TrailerSize);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        var payload = new MemoryStream();
        brotli.CopyTo(payload);
        return payload.ToArray();
    }

    /// <summary>A chunk of this payload and count with a correct trailer and hash, as a buggy writer would make it.</summary>
    private string Rebuilt(string name, int boardSize, byte[] payload, long count, bool compress = true)
    {
        var file = new MemoryStream();
        file.Write(TrainingChunk.Magic);
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(word, TrainingChunk.FormatVersion);
        file.Write(word[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)boardSize);
        file.Write(word[..4]);
        if (compress)
            using (var brotli = new BrotliStream(file, CompressionLevel.Optimal, leaveOpen: true)) brotli.Write(payload);
        else file.Write(payload);
        long payloadLength = file.Length - TrainingChunk.HeaderSize;
        BinaryPrimitives.WriteInt64LittleEndian(word, count);
        file.Write(word);
        BinaryPrimitives.WriteInt64LittleEndian(word, payloadLength);
        file.Write(word);
        file.Write(SHA256.HashData(file.ToArray()));
        string path = PathIn(name);
        File.WriteAllBytes(path, file.ToArray());
        return path;
    }
}
