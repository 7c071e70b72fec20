using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GoZero.Network.Tests;

public sealed class LeelaZeroFormatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-lz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private static string Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    /// <summary>A small valid file's lines (version first), to break one at a time.</summary>
    private static List<string> SmallNetworkLines(NetworkShape shape)
    {
        var writer = new StringWriter();
        LeelaZeroFormat.Write(NetworkWeights.Random(shape, seed: 3), writer);
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private string WriteText(string name, string text)
    {
        string path = PathIn(name);
        File.WriteAllText(path, text);
        return path;
    }

    private NetworkFormatException ReadFails(string path)
    {
        var error = Assert.Throws<NetworkFormatException>(() => LeelaZeroFormat.Read(path));
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void TheFixtureIsATwoBlockSixteenFilterNineteenByNineteenNetwork()
    {
        var weights = LeelaZeroFormat.Read(LeelaZeroFixture.RandomTwoBySixteen);

        Assert.Equal(new NetworkShape(19, 2, 16), weights.Shape);
        Assert.Equal(0.0271517f, weights.InputConvolution.Weights[0]);
        Assert.Equal(0.750387f, weights.ValueOutput.Biases[0]);
    }

    [Fact]
    public void ExportingAnImportedNetworkWritesTheSameNumbersAndTheSameText()
    {
        string original = Decompress(LeelaZeroFixture.RandomTwoBySixteen);
        string path = PathIn("copy.txt");

        LeelaZeroFormat.Write(LeelaZeroFormat.Read(LeelaZeroFixture.RandomTwoBySixteen), path);

        string copy = File.ReadAllText(path);
        var originalLines = original.Split('\n');
        var copyLines = copy.Split('\n');
        Assert.Equal(originalLines.Length, copyLines.Length);
        for (int i = 0; i < originalLines.Length; i++)
        {
            var expected = originalLines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, CultureInfo.InvariantCulture));
            var actual = copyLines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, CultureInfo.InvariantCulture));
            Assert.True(expected.SequenceEqual(actual), $"line {i + 1} differs");
        }
        // Leela Zero's own 6-digit numbers are already the shortest round-trip forms: the text comes back byte for byte.
        Assert.Equal(original, copy);
    }

    [Theory]
    [InlineData("net.txt", false)]
    [InlineData("net.txt.gz", true)]
    [InlineData("net.gz", true)]
    public void WrittenNetworksReadBackEqualAndAreGzipByName(string name, bool gzip)
    {
        var weights = NetworkWeights.Random(new NetworkShape(19, 2, 16), seed: 11);
        string path = PathIn(name);

        LeelaZeroFormat.Write(weights, path);

        var start = File.ReadAllBytes(path).AsSpan(0, 2);
        Assert.Equal(gzip, LeelaZeroFormat.IsGzip(start));
        AssertSameTensors(weights, LeelaZeroFormat.Read(path));
    }

    [Fact]
    public void ANetworkWithGlobalPoolingIsRefusedAndNoFileIsWritten()
    {
        var weights = NetworkWeights.Random(new NetworkShape(19, 2, 16) { GlobalPoolingInterval = 2, GlobalPoolingChannels = 4 }, seed: 12);
        string path = PathIn("pooling.txt");

        var error = Assert.Throws<ArgumentException>(() => LeelaZeroFormat.Write(weights, path));

        Assert.Contains("pool globally", error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void GzipIsRecognisedByContentNotByName()
    {
        var weights = NetworkWeights.Random(new NetworkShape(9, 1, 8), seed: 2);
        string gzipNamedPlain = PathIn("plain.gz");
        string plainNamedGzip = PathIn("gzip.txt");

        LeelaZeroFormat.Write(weights, gzipNamedPlain, gzip: false);
        LeelaZeroFormat.Write(weights, plainNamedGzip, gzip: true);

        Assert.False(LeelaZeroFormat.IsGzip(File.ReadAllBytes(gzipNamedPlain)));
        Assert.True(LeelaZeroFormat.IsGzip(File.ReadAllBytes(plainNamedGzip)));
        AssertSameTensors(weights, LeelaZeroFormat.Read(gzipNamedPlain));
        AssertSameTensors(weights, LeelaZeroFormat.Read(plainNamedGzip));
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(9, 1, 8)]
    [InlineData(13, 3, 4)]
    [InlineData(25, 0, 2)]
    public void EveryBoardSizeRoundTripsThroughItsPolicyLayerSize(int board, int blocks, int filters)
    {
        var weights = NetworkWeights.Random(new NetworkShape(board, blocks, filters), seed: board);
        string path = PathIn("net.txt");

        LeelaZeroFormat.Write(weights, path);

        AssertSameTensors(weights, LeelaZeroFormat.Read(path));
    }

    [Fact]
    public void ExtremeFloatsRoundTripExactly()
    {
        var weights = new NetworkWeights(new NetworkShape(2, 0, 1));
        float[] extremes = [float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-45f, -0f, 0.1f, 1f / 3, 16777217f, 1.17549435e-38f];
        extremes.CopyTo(weights.ValueHidden.Weights, 0);
        string path = PathIn("extremes.txt");

        LeelaZeroFormat.Write(weights, path);

        var read = LeelaZeroFormat.Read(path);
        Assert.Equal(
            extremes.Select(BitConverter.SingleToInt32Bits),
            read.ValueHidden.Weights.Take(extremes.Length).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void WindowsLineEndsAndTabsAreRead()
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 1, 2));
        string path = WriteText("crlf.txt", string.Join("\r\n", lines.Select(l => l.Replace(' ', '\t'))) + "\r\n");

        Assert.Equal(new NetworkShape(2, 1, 2), LeelaZeroFormat.Read(path).Shape);
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        var error = ReadFails(WriteText("empty.txt", ""));
        Assert.Contains("empty", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("one")]
    [InlineData("(;FF[4]GM[1]SZ[19];B[pd])")]
    public void AnyVersionButOneIsRefused(string version)
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 0, 1));
        lines[0] = version;

        var error = ReadFails(WriteText("version.txt", string.Join('\n', lines)));

        Assert.Equal(1, error.Line);
        Assert.Contains("version", error.Message);
    }

    [Fact]
    public void ElfVersionTwoIsRefusedWithTheReason()
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 0, 1));
        lines[0] = "2";

        var error = ReadFails(WriteText("elf.txt", string.Join('\n', lines)));

        Assert.Contains("ELF", error.Message);
        Assert.Contains("line 1", error.Message);
    }

    [Theory]
    [InlineData("0.5x")]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e39")]
    [InlineData("1,5")]
    [InlineData("--1")]
    public void ABadNumberIsRefusedWithItsLineAndPosition(string token)
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 1, 2));
        var values = lines[6].Split(' ');
        values[1] = token;
        lines[6] = string.Join(' ', values);

        var error = ReadFails(WriteText("bad.txt", string.Join('\n', lines)));

        Assert.Equal(7, error.Line);
        Assert.Contains("value 2", error.Message);
        Assert.Contains(token, error.Message);
    }

    [Theory]
    [InlineData(0, "the input convolution's weights")]
    [InlineData(8, "residual block 1's second convolution's weights")]
    [InlineData(17, "the policy layer's biases")]
    [InlineData(25, "the value output's bias")]
    public void AWrongValueCountIsRefusedWithItsLineAndTensor(int index, string tensor)
    {
        var shape = new NetworkShape(2, 1, 2);
        var lines = SmallNetworkLines(shape);
        // Tensor i is on line i + 2. Line 3 (which gives F) and the policy weights (which give N) are not grown here.
        lines[index + 1] += " 0.5";

        var error = ReadFails(WriteText("count.txt", string.Join('\n', lines)));

        Assert.Equal(index + 2, error.Line);
        Assert.Contains(tensor, error.Message);
    }

    [Fact]
    public void APolicyLayerThatFitsNoBoardIsRefused()
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 0, 1));
        lines[9] += " 0.5";

        var error = ReadFails(WriteText("policy.txt", string.Join('\n', lines)));

        Assert.Equal(10, error.Line);
        Assert.Contains("no board size", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(20)]
    public void AFileWithLinesMissingIsRefused(int missing)
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 2, 2));

        var error = ReadFails(WriteText("short.txt", string.Join('\n', lines.Take(lines.Count - missing))));

        Assert.NotNull(error.Line);
    }

    [Fact]
    public void AnEmptyLineInsideIsRefused()
    {
        var lines = SmallNetworkLines(new NetworkShape(2, 0, 1));
        lines.Insert(3, "");

        var error = ReadFails(WriteText("blank.txt", string.Join('\n', lines)));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void ATruncatedGzipFileIsRefusedWhereverItIsCut()
    {
        byte[] bytes = File.ReadAllBytes(LeelaZeroFixture.RandomTwoBySixteen);
        foreach (int length in new[] { 1, 2, 10, 17, bytes.Length / 3, bytes.Length / 2, bytes.Length - 9, bytes.Length - 8, bytes.Length - 4, bytes.Length - 1 })
        {
            string path = PathIn($"cut{length}.txt.gz");
            File.WriteAllBytes(path, bytes[..length]);

            ReadFails(path);
        }
    }

    [Fact]
    public void ACorruptGzipFileIsRefused()
    {
        byte[] bytes = File.ReadAllBytes(LeelaZeroFixture.RandomTwoBySixteen);
        foreach (int offset in new[] { 3, bytes.Length / 2, bytes.Length - 6, bytes.Length - 2 })
        {
            var copy = (byte[])bytes.Clone();
            copy[offset] ^= 0x10;
            string path = PathIn($"flip{offset}.txt.gz");
            File.WriteAllBytes(path, copy);

            ReadFails(path);
        }
    }

    [Fact]
    public void RandomBytesAreRefused()
    {
        var random = new Random(5);
        for (int i = 0; i < 20; i++)
        {
            var bytes = new byte[random.Next(1, 5000)];
            random.NextBytes(bytes);
            string path = PathIn($"random{i}.bin");
            File.WriteAllBytes(path, bytes);

            ReadFails(path);
        }
    }

    [Fact]
    public void AMissingFileIsRefusedByName()
    {
        var error = ReadFails(PathIn("absent.txt"));

        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = PathIn("net.txt.gz");
        var good = NetworkWeights.Random(new NetworkShape(9, 1, 4), seed: 1);
        LeelaZeroFormat.Write(good, path);
        byte[] before = File.ReadAllBytes(path);
        var bad = NetworkWeights.Random(new NetworkShape(9, 1, 4), seed: 2);
        bad.ValueOutput.Biases[0] = float.NaN; // the very last value: the write fails after everything else went out

        Assert.Throws<ArgumentException>(() => LeelaZeroFormat.Write(bad, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void WritingReplacesAnOldFileAndLeavesNoTemporaryFile()
    {
        string path = PathIn("net.txt");
        LeelaZeroFormat.Write(NetworkWeights.Random(new NetworkShape(9, 1, 4), seed: 1), path);
        var second = NetworkWeights.Random(new NetworkShape(9, 2, 4), seed: 2);

        LeelaZeroFormat.Write(second, path);

        AssertSameTensors(second, LeelaZeroFormat.Read(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    internal static void AssertSameTensors(NetworkWeights expected, NetworkWeights actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        foreach (var (a, b) in expected.Tensors.Zip(actual.Tensors))
            Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
    }
}
