using System.Buffers.Binary;
using System.Security.Cryptography;
using GoZero.Engine;

namespace GoZero.Network.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private static readonly CheckpointMetadata SomeMetadata = new(
        Generation: 7, TrainingSteps: 123_456_789_012, GamesSeen: 250_000,
        CreatedUtc: new DateTime(2026, 11, 27, 14, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567),
        ParentName: "gen-006.gznet", ParentSha256: new string('a', 32) + new string('0', 32),
        Notes: "lr 0.02 → 0.002, momentum 0.9; 日本語 too");

    private static Checkpoint Small(int seed = 1, bool withOptimizer = true) => new(
        NetworkWeights.Random(new NetworkShape(2, 1, 1), seed),
        SomeMetadata,
        withOptimizer
            ? [new NamedTensor("momentum/input.weights", [1f, -2.5f, float.Epsilon]), new NamedTensor("step", [42f]), new NamedTensor("empty", [])]
            : null);

    private CheckpointFormatException LoadFails(string path, NetworkShape? expected = null)
    {
        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, expected));
        Assert.Contains(path, error.Message);
        return error;
    }

    private string SavedSmall(string name = "small.gznet")
    {
        string path = PathIn(name);
        Small().Save(path);
        return path;
    }

    [Fact]
    public void TensorsMetadataAndOptimizerStateRoundTrip()
    {
        var checkpoint = new Checkpoint(
            NetworkWeights.Random(new NetworkShape(19, 2, 16), seed: 5), SomeMetadata,
            [new NamedTensor("momentum", Enumerable.Range(0, 1000).Select(i => i * 0.25f - 3).ToArray())]);
        string path = PathIn("net.gznet");

        checkpoint.Save(path);
        var loaded = Checkpoint.Load(path);

        LeelaZeroFormatTests.AssertSameTensors(checkpoint.Weights, loaded.Weights);
        Assert.Equal(SomeMetadata, loaded.Metadata);
        Assert.Equal(DateTimeKind.Utc, loaded.Metadata.CreatedUtc.Kind);
        var momentum = Assert.Single(loaded.OptimizerState);
        Assert.Equal("momentum", momentum.Name);
        Assert.Equal(checkpoint.OptimizerState[0].Values, momentum.Values);
    }

    [Fact]
    public void AnEmptyOptimizerStateAndEmptyStringsRoundTrip()
    {
        var checkpoint = new Checkpoint(NetworkWeights.Random(new NetworkShape(9, 0, 2), 1), CheckpointMetadata.New());
        string path = PathIn("fresh.gznet");

        checkpoint.Save(path);
        var loaded = Checkpoint.Load(path, new NetworkShape(9, 0, 2));

        Assert.Empty(loaded.OptimizerState);
        Assert.Equal(checkpoint.Metadata, loaded.Metadata);
        LeelaZeroFormatTests.AssertSameTensors(checkpoint.Weights, loaded.Weights);
    }

    [Fact]
    public void SeveralOptimizerTensorsKeepTheirNamesAndOrder()
    {
        string path = SavedSmall();

        var loaded = Checkpoint.Load(path);

        Assert.Equal(["momentum/input.weights", "step", "empty"], loaded.OptimizerState.Select(t => t.Name));
        Assert.Equal([1f, -2.5f, float.Epsilon], loaded.OptimizerState[0].Values);
        Assert.Empty(loaded.OptimizerState[2].Values);
    }

    [Fact]
    public void TheFileStartsWithTheMagicAndEndsWithTheSha256OfTheRest()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());

        Assert.True(bytes.AsSpan().StartsWith("GZNET\r\n\u001A"u8));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);
    }

    [Fact]
    public void ANetworkWithTheAuxiliaryHeadsIsSavedAsVersion2AndRoundTrips()
    {
        var shape = new NetworkShape(9, 1, 8) { AuxiliaryHeads = true };
        var checkpoint = new Checkpoint(NetworkWeights.Random(shape, seed: 3), SomeMetadata);
        string path = PathIn("heads.gznet");

        checkpoint.Save(path);
        var loaded = Checkpoint.Load(path, shape);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(shape, loaded.Weights.Shape);
        Assert.NotNull(loaded.Weights.Ownership);
        Assert.Equal(checkpoint.Weights.Tensors.SelectMany(t => t), loaded.Weights.Tensors.SelectMany(t => t));
        Assert.Contains("+ownership+score", LoadFails(path, shape with { AuxiliaryHeads = false }).Message);
    }

    [Fact]
    public void AVersion2FileWithAnUnknownFeatureIsRefused()
    {
        string path = PathIn("feature.gznet");
        new Checkpoint(NetworkWeights.Random(new NetworkShape(2, 1, 1) { AuxiliaryHeads = true }, 1), SomeMetadata).Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32), 5);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
        File.WriteAllBytes(path, bytes);

        Assert.Contains("features 0x5", LoadFails(path).Message);
    }

    [Fact]
    public void ANetworkWithGlobalPoolingSavesItsIntervalAndChannelsAndRoundTrips()
    {
        var shape = new NetworkShape(9, 4, 16) { GlobalPoolingInterval = 2, GlobalPoolingChannels = 5 };
        var checkpoint = new Checkpoint(NetworkWeights.Random(shape, seed: 4), SomeMetadata);
        string path = PathIn("pooling.gznet");

        checkpoint.Save(path);
        var loaded = Checkpoint.Load(path, shape);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(36)));
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(shape, loaded.Weights.Shape);
        Assert.Equal([null, 15 * 11, null, 15 * 11], loaded.Weights.Blocks.Select(b => b.GlobalPooling?.Weights.Length));
        Assert.Equal(checkpoint.Weights.Tensors.SelectMany(t => t), loaded.Weights.Tensors.SelectMany(t => t));
        Assert.Contains("+pooling 5/2", LoadFails(path, shape with { GlobalPoolingInterval = 0, GlobalPoolingChannels = 0 }).Message);
    }

    [Theory]
    [InlineData(0, 5, "interval of 0")]
    [InlineData(5, 5, "interval must be 0")]
    [InlineData(2, 16, "pooled channels must be 1 to 15")]
    [InlineData(2, 0, "pooled channels must be 1 to 15")]
    public void AGlobalPoolingFieldNoNetworkCanHaveIsRefused(int interval, int channels, string reason)
    {
        string path = PathIn("bad-pooling.gznet");
        new Checkpoint(NetworkWeights.Random(new NetworkShape(5, 4, 16) { GlobalPoolingInterval = 2, GlobalPoolingChannels = 5 }, 1), SomeMetadata).Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(36), interval);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), channels);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
        File.WriteAllBytes(path, bytes);

        Assert.Contains(reason, LoadFails(path).Message);
    }

    [Fact]
    public void DuplicateOptimizerNamesAndBadMetadataAreRefused()
    {
        var weights = new NetworkWeights(new NetworkShape(2, 0, 1));
        Assert.Throws<ArgumentException>(() => new Checkpoint(weights, SomeMetadata, [new("a", []), new("a", [1f])]));
        Assert.Throws<ArgumentException>(() => new Checkpoint(weights, SomeMetadata with { CreatedUtc = DateTime.Now }));
        Assert.Throws<ArgumentException>(() => new Checkpoint(weights, SomeMetadata with { ParentSha256 = "abc" }));
        Assert.Throws<ArgumentException>(() => new Checkpoint(weights, SomeMetadata with { Generation = -1 }));
    }

    [Fact]
    public void ATruncatedFileIsRefusedWhereverItIsCut()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());
        string path = PathIn("cut.gznet");
        foreach (int length in new[] { 0, 1, 5, 8, 11, 12, 24, 40, 60, 100, bytes.Length / 2, bytes.Length - 40, bytes.Length - 33, bytes.Length - 32, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..length]);

            LoadFails(path);
        }
    }

    [Fact]
    public void ExtraBytesAtTheEndAreRefused()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());
        string path = PathIn("long.gznet");
        File.WriteAllBytes(path, [.. bytes, 0]);

        LoadFails(path);
    }

    [Fact]
    public void AFlippedBitInAnyByteIsDetected()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());
        string path = PathIn("flipped.gznet");
        var random = new Random(9);
        for (int offset = 0; offset < bytes.Length; offset++)
        {
            var copy = (byte[])bytes.Clone();
            copy[offset] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, copy);

            var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path));

            Assert.Contains(path, error.Message);
            if (offset >= 12) Assert.Contains("SHA-256", error.Message);
        }
    }

    [Fact]
    public void AnotherMagicIsRefused()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());
        bytes[4] = (byte)'X';
        string path = PathIn("magic.gznet");
        File.WriteAllBytes(path, bytes);

        Assert.Contains("not a GoZero checkpoint", LoadFails(path).Message);
    }

    [Fact]
    public void AnotherVersionIsRefusedBeforeAnythingElse()
    {
        byte[] bytes = File.ReadAllBytes(SavedSmall());
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 3);
        string path = PathIn("v3.gznet");
        File.WriteAllBytes(path, bytes);

        Assert.Contains("version 3", LoadFails(path).Message);
    }

    [Fact]
    public void ForeignFilesAreRefused()
    {
        string sgf = PathIn("game.sgf");
        File.WriteAllText(sgf, "(;FF[4]GM[1]SZ[19];B[pd];W[dp])");
        string random = PathIn("random.bin");
        File.WriteAllBytes(random, RandomNumberGenerator.GetBytes(4096));
        string empty = PathIn("empty");
        File.WriteAllBytes(empty, []);

        Assert.Contains("not a GoZero checkpoint", LoadFails(sgf).Message);
        Assert.Contains("Leela Zero", LoadFails(LeelaZeroFixture.RandomTwoBySixteen).Message);
        Assert.Contains("not a GoZero checkpoint", LoadFails(random).Message);
        Assert.Contains("empty", LoadFails(empty).Message);
    }

    [Fact]
    public void AnotherArchitectureThanExpectedIsRefused()
    {
        string path = SavedSmall();

        var error = LoadFails(path, new NetworkShape(19, 1, 1));

        Assert.Contains("2x2 1x1", error.Message);
        Assert.Contains("19x19 1x1", error.Message);
        Assert.Equal(new NetworkShape(2, 1, 1), Checkpoint.Load(path, new NetworkShape(2, 1, 1)).Weights.Shape);
    }

    [Fact]
    public void AMissingPathIsRefusedByName()
    {
        Assert.Contains("no such file", LoadFails(PathIn("absent.gznet")).Message);
        Assert.Contains("no such file", LoadFails(PathIn("absent/folder/net.gznet")).Message);
    }

    [Fact]
    public void SavingOverAnOldCheckpointReplacesItWholeAndLeavesNoTemporaryFile()
    {
        string path = SavedSmall();
        var second = new Checkpoint(NetworkWeights.Random(new NetworkShape(9, 1, 4), 2), SomeMetadata with { Generation = 8 });

        second.Save(path);

        Assert.Equal(8, Checkpoint.Load(path).Metadata.Generation);
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void AWriteThatFailsHalfwayKeepsTheOldFileAndRemovesItsTemporaryFile()
    {
        string path = SavedSmall();
        byte[] before = File.ReadAllBytes(path);
        string? temporary = null;

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            temporary = ((FileStream)stream).Name;
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.NotNull(temporary);
        Assert.Equal(folder, Path.GetDirectoryName(temporary));
        Assert.EndsWith(AtomicFile.TemporarySuffix, temporary);
        Assert.False(File.Exists(temporary));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void NetworkFileRecognisesBothKindsByContent()
    {
        string checkpoint = SavedSmall("named.txt");
        string text = PathIn("named.gznet");
        LeelaZeroFormat.Write(NetworkWeights.Random(new NetworkShape(9, 1, 4), 1), text, gzip: false);

        var a = NetworkFile.Load(checkpoint);
        var b = NetworkFile.Load(text);
        var c = NetworkFile.Load(LeelaZeroFixture.RandomTwoBySixteen);

        Assert.Equal(NetworkFileFormat.Checkpoint, a.Format);
        Assert.Equal(SomeMetadata, a.Checkpoint?.Metadata);
        Assert.Equal(NetworkFileFormat.LeelaZero, b.Format);
        Assert.Null(b.Checkpoint);
        Assert.Equal(NetworkFileFormat.LeelaZeroGzip, c.Format);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(checkpoint))), a.Sha256);
        Assert.Throws<NetworkFormatException>(() => NetworkFile.Load(text, new NetworkShape(19, 1, 4)));
        Assert.Throws<NetworkFormatException>(() => NetworkFile.Load(PathIn("absent")));
    }
}
