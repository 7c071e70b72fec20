using System.Text;

namespace GoZero.Cli.Tests;

/// <summary>Every verb's path arguments given an empty string, a folder, a missing file or a file where a folder
/// belongs: "error: " and a message in words (never .NET's own, never a stack trace), exit code 2 for an empty value
/// and 1 for a path the input is wrong at.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PathArgumentTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-paths-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private string Network()
    {
        string path = PathIn("net.gzn");
        if (!File.Exists(path)) Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "4", "--board", "5", "--out", path).ExitCode);
        return path;
    }

    private static void AssertRefused(CommandRun run, int exitCode, string message)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal($"error: {message}", run.Error.TrimEnd());
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("--weights is empty: name a network file, or 'rollout'", "gtp", "--weights", "")]
    [InlineData("--networks-dir is empty: name the folder of default networks", "gtp", "--networks-dir", "")]
    [InlineData("the SGF path is empty: name the game to score", "score", "")]
    [InlineData("--run is empty: name the run's folder", "train", "--run", "")]
    [InlineData("--config is empty: name a config file", "train", "--run", "r", "--config", "")]
    [InlineData("--run is empty: name the run's folder", "report", "--run", "")]
    public void AnEmptyPathIsABadArgument(string message, params string[] args) =>
        AssertRefused(CommandRun.Of(args), 2, message);

    [Theory]
    [InlineData("gtp", "--weights", "FOLDER")]
    [InlineData("score", "FOLDER")]
    [InlineData("net", "info", "FOLDER")]
    [InlineData("net", "convert", "FOLDER", "x.gzn")]
    [InlineData("net", "eval", "NET", "--sgf", "FOLDER")]
    [InlineData("net", "eval", "FOLDER", "--sgf", "x.sgf")]
    [InlineData("train", "--run", "r", "--config", "FOLDER")]
    public void AFolderGivenAsAFileIsCalledOne(params string[] args)
    {
        var run = CommandRun.Of([.. args.Select(a => a switch { "FOLDER" => folder, "NET" => Network(), _ => a })]);

        AssertRefused(run, 1, $"{folder}: a folder, not a file");
    }

    [Theory]
    [InlineData("net", "init", "--blocks", "1", "--filters", "4", "--out", "FOLDER")]
    [InlineData("net", "convert", "NET", "FOLDER")]
    [InlineData("net", "train", "--data", "FOLDER", "--from", "NET", "--out", "FOLDER", "--steps", "1")]
    public void AFolderGivenAsAnOutputIsRefusedBeforeAnyWork(params string[] args)
    {
        var run = CommandRun.Of([.. args.Select(a => a switch { "FOLDER" => folder, "NET" => Network(), _ => a })]);

        AssertRefused(run, 1, $"cannot write {folder}: it is a folder");
    }

    [Theory]
    [InlineData("gtp", "--networks-dir", "FILE")]
    [InlineData("net", "data", "FILE")]
    [InlineData("net", "train", "--data", "FILE", "--from", "FILE", "--out", "x.gzn", "--steps", "1")]
    [InlineData("train", "--run", "FILE")]
    [InlineData("report", "--run", "RUN", "--charts", "FILE")]
    public void AFileGivenAsAFolderIsCalledOne(params string[] args)
    {
        string file = Network();
        string runFolder = PathIn("run");
        Directory.CreateDirectory(runFolder);
        File.WriteAllText(Path.Combine(runFolder, "config.json"), "{}");

        var run = CommandRun.Of([.. args.Select(a => a switch { "FILE" => file, "RUN" => runFolder, _ => a })]);

        AssertRefused(run, 1, $"{file}: a file, not a folder");
    }

    [Fact]
    public void AMissingNetworksFolderIsAnErrorNotASilentFallback()
    {
        string missing = PathIn("absent");

        AssertRefused(CommandRun.Of("gtp", "--networks-dir", missing), 1, $"{missing}: no such folder (--networks-dir)");
    }

    [Theory]
    [InlineData("", "the file is empty (a config is a JSON object of settings, {} for none)")]
    [InlineData("[1, 2]", "it holds a JSON array, not an object of settings")]
    [InlineData("{ \"boardSize\": ", "it is not JSON (line 1, byte 16)")]
    [InlineData("{ \"boardSize\": \"nine\" }", "'boardSize' has a value of the wrong type")]
    [InlineData("{ \"preset\": \"7x7\" }", "unknown preset '7x7': 9x9, 9x9-alphago-zero or 19x19")]
    public void AConfigThatIsNotOneIsNamedWithTheReason(string text, string reason)
    {
        string path = PathIn("config.json");
        File.WriteAllText(path, text);

        AssertRefused(CommandRun.Of("train", "--run", PathIn("r"), "--config", path), 1, $"{path}: not a training config: {reason}");
        Assert.False(Directory.Exists(PathIn("r")));
    }

    [Fact]
    public void AConfigValueOutOfRangeNamesTheFile()
    {
        string path = PathIn("config.json");
        File.WriteAllText(path, "{ \"boardSize\": 30 }");

        AssertRefused(CommandRun.Of("train", "--run", PathIn("r"), "--config", path), 1, $"{path}: board size 30 is outside 2..25");
    }

    [Fact]
    public void AnUnknownPresetIsABadArgument() =>
        AssertRefused(CommandRun.Of("train", "--run", PathIn("r"), "--preset", "7x7"), 2, "unknown preset '7x7': 9x9, 9x9-alphago-zero or 19x19");

    [Fact]
    public void ScoreRefusesAnSgfFileOverTheSizeLimitWithoutReadingIt()
    {
        string path = PathIn("huge.sgf");
        using (var file = File.Create(path)) file.SetLength(64L << 20);

        AssertRefused(CommandRun.Of("score", path), 1,
            $"{path}: SGF error at offset {4 << 20}: the file is larger than 4 MiB, the most GoZero reads of an SGF file");
    }

    [Fact]
    public void NetInfoRefusesAnOverlongNumberWithoutKeepingTheLine()
    {
        // A weights file whose second line is one 16 MB "number", as a gzip bomb unpacks to.
        string path = PathIn("long.txt");
        File.WriteAllText(path, "1\n" + new string('0', 16 << 20) + "\n", Encoding.ASCII);

        var run = CommandRun.Of("net", "info", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}: line 2: value 1 '", run.Error);
        Assert.Contains("is longer than 64 characters: not a number", run.Error);
    }

    [Fact]
    public void ScoreRefusesPlayoutsOutOfRangeAsABadArgument()
    {
        string path = PathIn("game.sgf");
        File.WriteAllText(path, "(;SZ[9];B[ee])");

        AssertRefused(CommandRun.Of("score", path, "--playouts", "0"), 2, "--playouts must be 1 to 1000000, not 0");
    }
}
