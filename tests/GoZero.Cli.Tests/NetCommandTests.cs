using System.Text.Json;
using GoZero.Network;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-net-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private static string Fixture => GoZero.Network.Tests.LeelaZeroFixture.RandomTwoBySixteen;

    private static JsonElement InfoJson(string path)
    {
        var run = CommandRun.Of("net", "info", path, "--json");
        Assert.Equal(0, run.ExitCode);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    [Fact]
    public void InitWritesASeededCheckpoint()
    {
        string a = PathIn("a.gznet"), b = PathIn("b.gznet");

        var run = CommandRun.Of("net", "init", "--blocks", "2", "--filters", "8", "--board", "9", "--out", a, "--seed", "5");
        CommandRun.Of("net", "init", "--blocks", "2", "--filters", "8", "--board", "9", "--out", b, "--seed", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("9x9 2x8", run.Output);
        var checkpoint = Checkpoint.Load(a, new NetworkShape(9, 2, 8));
        Assert.Equal(NetworkWeights.Random(new NetworkShape(9, 2, 8), 5).Tensors.SelectMany(t => t), checkpoint.Weights.Tensors.SelectMany(t => t));
        Assert.Equal(Checkpoint.Load(b).Weights.Tensors.SelectMany(t => t), checkpoint.Weights.Tensors.SelectMany(t => t));
        Assert.Contains("--seed 5", checkpoint.Metadata.Notes);
    }

    [Fact]
    public void InitWithTheAuxiliaryHeadsWritesAVersion2CheckpointThatInfoDescribes()
    {
        string path = PathIn("heads.gznet");

        var run = CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "9", "--ownership-and-score", "--out", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("format 2", run.Output);
        var shape = new NetworkShape(9, 1, 8) { AuxiliaryHeads = true };
        Assert.Equal(NetworkWeights.Random(shape, 1).Tensors.SelectMany(t => t), Checkpoint.Load(path, shape).Weights.Tensors.SelectMany(t => t));
        Assert.Equal(["policy", "value", "ownership", "score"], InfoJson(path).GetProperty("heads").EnumerateArray().Select(h => h.GetString()));
        Assert.Contains("heads: policy, value, ownership, score", CommandRun.Of("net", "info", path).Output);
        Assert.Equal(["policy", "value"], InfoJson(Fixture).GetProperty("heads").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public void InitWithGlobalPoolingWritesACheckpointThatInfoDescribesAndLeelaZeroTextRefuses()
    {
        string path = PathIn("pooling.gznet");

        var run = CommandRun.Of("net", "init", "--blocks", "4", "--filters", "12", "--board", "9", "--pooling-interval", "2", "--out", path);

        Assert.Equal(0, run.ExitCode);
        var shape = new NetworkShape(9, 4, 12) { GlobalPoolingInterval = 2, GlobalPoolingChannels = 4 };
        Assert.Equal(shape, Checkpoint.Load(path).Weights.Shape);
        Assert.Contains("--pooling-interval 2 --pooled-channels 4", Checkpoint.Load(path).Metadata.Notes);
        Assert.Contains("global pooling: every 2 blocks (2 of 4), 4 of 12 channels pooled", CommandRun.Of("net", "info", path).Output);
        Assert.Equal(2, InfoJson(path).GetProperty("pooling_interval").GetInt32());
        Assert.Equal(0, InfoJson(Fixture).GetProperty("pooling_interval").GetInt32());

        var converted = CommandRun.Of("net", "convert", path, PathIn("pooling.txt"));
        Assert.Equal(2, converted.ExitCode);
        Assert.Contains("no place for global pooling", converted.Error);
        Assert.False(File.Exists(PathIn("pooling.txt")));
        var text = CommandRun.Of("net", "init", "--blocks", "4", "--filters", "12", "--pooling-interval", "2", "--out", PathIn("x.txt"));
        Assert.Equal(2, text.ExitCode);
        Assert.False(File.Exists(PathIn("x.txt")));
        var tooMany = CommandRun.Of("net", "init", "--blocks", "4", "--filters", "12", "--pooling-interval", "2", "--pooled-channels", "12", "--out", PathIn("y.gznet"));
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("pooled channels must be 1 to 11", tooMany.Error);
        Assert.Equal(2, CommandRun.Of("net", "init", "--blocks", "4", "--filters", "12", "--pooled-channels", "3", "--out", PathIn("z.gznet")).ExitCode);
    }

    [Fact]
    public void ConvertingTheAuxiliaryHeadsToLeelaZeroTextDropsThemAndSaysSo()
    {
        string checkpoint = PathIn("heads.gznet"), text = PathIn("heads.txt");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "9", "--ownership-and-score", "--out", checkpoint).ExitCode);

        var run = CommandRun.Of("net", "convert", checkpoint, text);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no place for the ownership and score heads", run.Error);
        Assert.Contains("9x9 1x8,", run.Output);
        var shape = new NetworkShape(9, 1, 8);
        Assert.Equal(NetworkWeights.Random(shape with { AuxiliaryHeads = true }, 1).PolicyValueTensors.SelectMany(t => t), LeelaZeroFormat.Read(text).Tensors.SelectMany(t => t));
        var refused = CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--ownership-and-score", "--out", PathIn("x.txt"));
        Assert.Equal(2, refused.ExitCode);
        Assert.False(File.Exists(PathIn("x.txt")));
    }

    [Theory]
    [InlineData("net.txt", "leelazero")]
    [InlineData("net.txt.gz", "leelazero-gzip")]
    public void InitWritesLeelaZeroTextByExtension(string name, string format)
    {
        string path = PathIn(name);

        var run = CommandRun.Of("net", "init", "--blocks", "1", "--filters", "4", "--out", path);

        Assert.Equal(0, run.ExitCode);
        var info = InfoJson(path);
        Assert.Equal(format, info.GetProperty("format").GetString());
        Assert.Equal(19, info.GetProperty("board").GetInt32());
        Assert.Equal(NetworkWeights.Random(new NetworkShape(19, 1, 4), 1).Tensors.SelectMany(t => t), LeelaZeroFormat.Read(path).Tensors.SelectMany(t => t));
    }

    [Fact]
    public void InfoDescribesTheFixture()
    {
        var run = CommandRun.Of("net", "info", Fixture);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Leela Zero text (version 1), gzip", run.Output);
        Assert.Contains("19x19 board, 2 residual blocks, 16 filters", run.Output);
        Assert.Contains("parameters: 366,760", run.Output);
        Assert.Contains("sha256: ", run.Output);
    }

    [Fact]
    public void InfoGivesACheckpointsMetadata()
    {
        string path = PathIn("net.gznet");
        CommandRun.Of("net", "init", "--blocks", "1", "--filters", "4", "--board", "9", "--out", path);

        var info = InfoJson(path);

        Assert.Equal("checkpoint", info.GetProperty("format").GetString());
        Assert.Equal(0, info.GetProperty("generation").GetInt32());
        Assert.Equal(64, info.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(0, info.GetProperty("optimizer_tensors").GetInt32());
        Assert.EndsWith("Z", info.GetProperty("created_utc").GetString());
    }

    [Fact]
    public void ConvertingTheFixtureToACheckpointAndBackKeepsEveryWeight()
    {
        string checkpoint = PathIn("fixture.gznet"), text = PathIn("fixture.txt.gz");

        var there = CommandRun.Of("net", "convert", Fixture, checkpoint);
        var back = CommandRun.Of("net", "convert", checkpoint, text);

        Assert.Equal(0, there.ExitCode);
        Assert.Equal(0, back.ExitCode);
        var original = LeelaZeroFormat.Read(Fixture).Tensors.SelectMany(t => t);
        Assert.Equal(original, Checkpoint.Load(checkpoint).Weights.Tensors.SelectMany(t => t));
        Assert.Equal(original, LeelaZeroFormat.Read(text).Tensors.SelectMany(t => t));
        var info = InfoJson(checkpoint);
        Assert.Equal("rand-2x16-s1.txt.gz", info.GetProperty("parent_name").GetString());
        Assert.Equal(InfoJson(Fixture).GetProperty("sha256").GetString(), info.GetProperty("parent_sha256").GetString());
        Assert.Contains("metadata", back.Error);
    }

    [Fact]
    public void ConvertingACheckpointToACheckpointKeepsItsMetadataAndOptimizerState()
    {
        string source = PathIn("source.gznet"), target = PathIn("target.gznet");
        var metadata = new CheckpointMetadata(3, 1000, 50, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Notes: "kept");
        new Checkpoint(NetworkWeights.Random(new NetworkShape(5, 0, 2), 1), metadata, [new NamedTensor("momentum", [1f, 2f])]).Save(source);

        var run = CommandRun.Of("net", "convert", source, target);

        Assert.Equal(0, run.ExitCode);
        var copy = Checkpoint.Load(target);
        Assert.Equal(metadata, copy.Metadata);
        Assert.Equal([1f, 2f], Assert.Single(copy.OptimizerState).Values);
    }

    [Theory]
    [InlineData("net")]
    [InlineData("net", "fly")]
    [InlineData("net", "eval", "x.gznet")]
    [InlineData("net", "init", "--filters", "8", "--out", "x.gznet")]
    [InlineData("net", "init", "--blocks", "1", "--filters", "0", "--out", "x.gznet")]
    [InlineData("net", "init", "--blocks", "1", "--filters", "8", "--board", "26", "--out", "x.gznet")]
    [InlineData("net", "info")]
    [InlineData("net", "convert", "x.gznet")]
    public void BadNetArgumentsAreRefusedWithExitCodeTwo(params string[] args)
    {
        var run = CommandRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists("x.gznet"));
        if (args.Length > 1) Assert.StartsWith("error:", run.Error);
    }

    [Fact]
    public void BadFilesAreRefusedWithExitCodeOneAndTheirPath()
    {
        string missing = PathIn("absent.gznet");
        string sgf = PathIn("game.sgf");
        File.WriteAllText(sgf, "(;FF[4]SZ[19];B[pd])");
        string truncated = PathIn("cut.gznet");
        CommandRun.Of("net", "init", "--blocks", "1", "--filters", "4", "--out", truncated);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        foreach (var (path, problem) in new[] { (missing, "no such file"), (sgf, "line 1"), (truncated, "truncated") })
        {
            var info = CommandRun.Of("net", "info", path);
            var convert = CommandRun.Of("net", "convert", path, PathIn("out.txt"));

            Assert.Equal(1, info.ExitCode);
            Assert.Equal(1, convert.ExitCode);
            Assert.StartsWith("error: ", info.Error);
            Assert.Contains(path, info.Error);
            Assert.Contains(problem, info.Error);
            Assert.False(File.Exists(PathIn("out.txt")));
        }
    }

    [Fact]
    public void AnUnwritableOutputFailsWithExitCodeOne()
    {
        var run = CommandRun.Of("net", "init", "--blocks", "1", "--filters", "4", "--out", PathIn("no/such/folder/net.gznet"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: cannot write", run.Error);
    }
}
