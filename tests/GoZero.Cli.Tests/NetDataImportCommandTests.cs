using System.Text.Json;
using GoZero.Network.Tests.Import;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetDataImportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string In(string name) => Path.Combine(folder, name);

    [Fact]
    public void ImportPrintsWhatItReadImportedAndSkippedAndNamesTheMalformedFile()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));

        var run = CommandRun.Of("net", "data", "import", "--tygem", tygem, "--sgf", ExpertFixture.SgfFolder, "--out", In("out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{In("out")}: 8 games read, 4 imported, 4 skipped (malformed 1, no usable result 2, too short 1)", run.Output);
        Assert.Contains("samples in 1 chunks (1 written now, 0 kept from an earlier run)", run.Output);
        Assert.Contains("komi: 6.5 (4 games)", run.Output);
        Assert.Contains($"warning: skipped {Path.Combine(ExpertFixture.SgfFolder, "deepzen-leela-ha-7.5.sgf")}: SGF error at offset 94 (line 6, column 17): HA[7.5]", run.Error);
        Assert.Equal(0, CommandRun.Of("net", "data", In("out")).ExitCode);

        var again = CommandRun.Of("net", "data", "import", "--tygem", tygem, "--sgf", ExpertFixture.SgfFolder, "--out", In("out"), "--json");
        Assert.Equal(0, again.ExitCode);
        var json = JsonDocument.Parse(again.Output).RootElement;
        Assert.Equal(8, json.GetProperty("games_read").GetInt64());
        Assert.Equal(4, json.GetProperty("games_imported").GetInt64());
        Assert.Equal(1, json.GetProperty("skipped").GetProperty("malformed").GetInt64());
        Assert.Equal(2, json.GetProperty("skipped").GetProperty("no_usable_result").GetInt64());
        Assert.Equal(0, json.GetProperty("skipped").GetProperty("handicap").GetInt64());
        Assert.Equal(1, json.GetProperty("chunks_kept").GetInt32());
        Assert.True(json.GetProperty("bytes_per_sample").GetDouble() > 0);
    }

    [Fact]
    public void BadArgumentsExitTwoAndBadInputsOne()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        var nothing = CommandRun.Of("net", "data", "import", "--out", In("out"));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("error: net data import: nothing to import", nothing.Error);
        Assert.Equal(2, CommandRun.Of("net", "data", "import", "--tygem", tygem, "--out", In("out"), "--games-per-chunk", "0").ExitCode);
        Assert.Equal(2, CommandRun.Of("net", "data", "import", "--tygem", tygem).ExitCode);

        var missing = CommandRun.Of("net", "data", "import", "--tygem", In("missing"), "--out", In("out"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such folder", missing.Error);

        Assert.Equal(0, CommandRun.Of("net", "data", "import", "--tygem", tygem, "--out", In("out"), "--games-per-chunk", "2").ExitCode);
        var other = CommandRun.Of("net", "data", "import", "--tygem", tygem, "--out", In("out"), "--games-per-chunk", "3");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("other settings (--games-per-chunk 2 there, 3 here)", other.Error);
    }

    [Fact]
    public void NetTrainTrainsOnImportedChunks()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        Assert.Equal(0, CommandRun.Of("net", "data", "import", "--tygem", tygem, "--out", In("data")).ExitCode);
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--out", In("start.gznet")).ExitCode);

        var train = CommandRun.Of("net", "train", "--data", In("data"), "--from", In("start.gznet"), "--out", In("trained.gznet"), "--steps", "3", "--batch", "16", "--threads", "1");

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("on 551 samples of 1 chunks", train.Output);
        Assert.Contains("wrote", train.Output);
        Assert.True(File.Exists(In("trained.gznet")));
    }
}
