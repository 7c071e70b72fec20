using System.Text.Json;
using GoZero.Network.Tests.Import;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetTestCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-net-test-").FullName;

    public NetTestCommandTests() =>
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--out", In("net.gznet")).ExitCode);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string In(string name) => Path.Combine(folder, name);

    [Fact]
    public void TestPrintsTheGamesSkippedAndTheFiguresOverallAndByPhase()
    {
        var run = CommandRun.Of("net", "test", In("net.gznet"), "--sgf", ExpertFixture.SgfFolder, "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(19x19 1x8, identity symmetry) on", run.Output);
        Assert.Contains("3 games read, 1 tested, 2 skipped (malformed 1, too short 1)", run.Output);
        Assert.Matches(@"all\s+235\s", run.Output);
        Assert.Matches(@"1-30\s+30\s", run.Output);
        Assert.Matches(@"31-100\s+70\s", run.Output);
        Assert.Matches(@"101\+\s+135\s", run.Output);
        Assert.Contains("positions/s", run.Output);
        Assert.Contains("warning: skipped", run.Error);
    }

    [Fact]
    public void JsonIsTheSameFiguresAloneOnStdout()
    {
        var run = CommandRun.Of("net", "test", In("net.gznet"), "--sgf", ExpertFixture.SgfFolder, "--json", "--average", "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("average", json.GetProperty("symmetry").GetString());
        Assert.Equal(1, json.GetProperty("games").GetInt64());
        Assert.Equal(1, json.GetProperty("skipped").GetProperty("too_short").GetInt64());
        Assert.Equal(235, json.GetProperty("positions").GetInt64());
        Assert.InRange(json.GetProperty("top1").GetDouble(), 0, 1);
        Assert.True(json.GetProperty("cross_entropy").GetDouble() > 0);
        Assert.True(json.GetProperty("value_mse").GetDouble() >= 0);
        var phases = json.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["1-30", "31-100", "101+"], phases.Select(p => p.GetProperty("moves").GetString()));
        Assert.Equal(235, phases.Sum(p => p.GetProperty("positions").GetInt64()));
        Assert.Contains("%:", run.Error);
    }

    [Fact]
    public void ImportedChunksCanBeTheTestSet()
    {
        Assert.Equal(0, CommandRun.Of("net", "data", "import", "--sgf", ExpertFixture.SgfFolder, "--out", In("data")).ExitCode);

        var run = CommandRun.Of("net", "test", In("net.gznet"), "--data", In("data"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(235, JsonDocument.Parse(run.Output).RootElement.GetProperty("positions").GetInt64());
    }

    [Fact]
    public void BadArgumentsExitTwoAndBadInputsOne()
    {
        var noSet = CommandRun.Of("net", "test", In("net.gznet"));
        Assert.Equal(2, noSet.ExitCode);
        Assert.Contains("error: net test: nothing to test on", noSet.Error);
        Assert.Equal(2, CommandRun.Of("net", "test", "--sgf", ExpertFixture.SgfFolder).ExitCode);
        Assert.Equal(2, CommandRun.Of("net", "test", In("net.gznet"), "--sgf", ExpertFixture.SgfFolder, "--data", In("data")).ExitCode);
        Assert.Equal(2, CommandRun.Of("net", "test", In("net.gznet"), "--sgf", ExpertFixture.SgfFolder, "--batch", "0").ExitCode);
        Assert.Equal(2, CommandRun.Of("net", "test", In("net.gznet"), "--sgf", ExpertFixture.SgfFolder, "--board", "9").ExitCode);

        var missingNetwork = CommandRun.Of("net", "test", In("missing.gznet"), "--sgf", ExpertFixture.SgfFolder);
        Assert.Equal(1, missingNetwork.ExitCode);
        Assert.StartsWith("error: ", missingNetwork.Error);
        Assert.Contains("missing.gznet", missingNetwork.Error);

        var missingFolder = CommandRun.Of("net", "test", In("net.gznet"), "--sgf", In("missing"));
        Assert.Equal(1, missingFolder.ExitCode);
        Assert.Contains("no such folder", missingFolder.Error);

        Directory.CreateDirectory(In("empty"));
        var empty = CommandRun.Of("net", "test", In("net.gznet"), "--sgf", In("empty"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains($"error: {In("empty")}: holds no *.sgf file", empty.Error);

        Directory.CreateDirectory(In("text"));
        File.WriteAllText(In("text/notes.txt"), "not a game");
        Assert.Equal(1, CommandRun.Of("net", "test", In("net.gznet"), "--sgf", In("text")).ExitCode);
        var noChunks = CommandRun.Of("net", "test", In("net.gznet"), "--data", In("text"));
        Assert.Equal(1, noChunks.ExitCode);
        Assert.Contains("holds no training chunk", noChunks.Error);
    }
}
