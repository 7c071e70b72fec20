using GoZero.Network;
using GoZero.Network.Training;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetTrainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-net-train-").FullName;

    public NetTrainCommandTests()
    {
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", PathIn("start.gznet")).ExitCode);
        Assert.Equal(0, CommandRun.Of("selfplay", "--net", PathIn("start.gznet"), "--games", "4", "--out", PathIn("sp"), "--playouts", "12",
            "--games-at-once", "2", "--games-per-chunk", "2").ExitCode);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private CommandRun Train(string from, string output, int steps) =>
        CommandRun.Of("net", "train", "--data", PathIn("sp/data"), "--from", PathIn(from), "--out", PathIn(output), "--steps", steps.ToString(),
            "--batch", "16", "--threads", "1");

    [Fact]
    public void TrainingWritesACheckpointThatCarriesTheSteps()
    {
        var run = Train("start.gznet", "a.gznet", 6);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote", run.Output);
        var trained = Checkpoint.Load(PathIn("a.gznet"));
        Assert.Equal(6, trained.Metadata.TrainingSteps);
        Assert.Equal("start.gznet", trained.Metadata.ParentName);
        Assert.NotEmpty(trained.OptimizerState);
        Assert.NotEqual(Checkpoint.Load(PathIn("start.gznet")).Weights.InputConvolution.Weights, trained.Weights.InputConvolution.Weights);
    }

    [Fact]
    public void ANetworkWithTheAuxiliaryHeadsTrainsAndReportsTheirLosses()
    {
        // The self-play chunks carry final ownership and score for the games played out to two passes (issue 18):
        // the heads' terms are reported beside policy and value, finite and non-negative.
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--ownership-and-score", "--out", PathIn("heads.gznet")).ExitCode);

        var run = CommandRun.Of("net", "train", "--data", PathIn("sp/data"), "--from", PathIn("heads.gznet"), "--out", PathIn("trained.gznet"), "--steps", "3",
            "--batch", "16", "--threads", "1", "--ownership-weight", "1", "--score-weight", "0.5");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("ownership weight 1, score weight 0.5", run.Output);
        var losses = System.Text.RegularExpressions.Regex.Match(run.Output, @"ownership (\d+\.\d{4}), score (\d+\.\d{4})");
        Assert.True(losses.Success, run.Output);
        Assert.All([losses.Groups[1].Value, losses.Groups[2].Value], v => Assert.True(double.IsFinite(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))));
        var trained = Checkpoint.Load(PathIn("trained.gznet"));
        Assert.True(trained.Weights.Shape.AuxiliaryHeads);
        Assert.Contains("ownership weight 1", trained.Metadata.Notes);
    }

    [Fact]
    public void TwoSessionsEqualOneOfAllTheSteps()
    {
        Assert.Equal(0, Train("start.gznet", "whole.gznet", 8).ExitCode);
        Assert.Equal(0, Train("start.gznet", "half.gznet", 4).ExitCode);
        Assert.Equal(0, Train("half.gznet", "resumed.gznet", 4).ExitCode);
        var whole = Checkpoint.Load(PathIn("whole.gznet"));
        var resumed = Checkpoint.Load(PathIn("resumed.gznet"));
        Assert.Equal(8, resumed.Metadata.TrainingSteps);
        foreach (var (a, b) in whole.Weights.Tensors.Zip(resumed.Weights.Tensors)) Assert.Equal(a, b);
        foreach (var (a, b) in whole.OptimizerState.Zip(resumed.OptimizerState)) Assert.Equal(a.Values, b.Values);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--lr", "fast", "fast")]
    [InlineData("--batch", "0", "--batch")]
    [InlineData("--group", "0", "--group")]
    [InlineData("--save-every", "-1", "--save-every")]
    [InlineData("--value-weight", "-1", "value weight")]
    [InlineData("--ownership-weight", "-1", "ownership weight")]
    [InlineData("--score-weight", "NaN", "score weight")]
    public void BadOptionsAreExplained(string option, string value, string expected)
    {
        var args = new List<string> { "net", "train", "--data", PathIn("sp/data"), "--from", PathIn("start.gznet"), "--out", PathIn("x.gznet"), "--steps", "2" };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        var run = CommandRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    private CommandRun Stream(string from, string output, int steps, string rate, int saveEvery) =>
        CommandRun.Of("net", "train", "--data", PathIn("sp/data"), "--from", PathIn(from), "--out", PathIn(output), "--steps", steps.ToString(),
            "--batch", "16", "--threads", "1", "--stream", "--group", "1", "--lr", rate, "--save-every", saveEvery.ToString(), "--value-weight", "0.01");

    [Fact]
    public void ARunStoppedAfterAPeriodicCheckpointContinuesFromItAsIfUninterrupted()
    {
        Assert.Equal(0, Stream("start.gznet", "whole.gznet", 8, "0.02", saveEvery: 3).ExitCode);
        // The same run, stopped after step 5 by a learning rate that blows up at step 4: --out keeps step 3's checkpoint.
        var stopped = Stream("start.gznet", "cut.gznet", 8, "steps:0.02@0,1e30@4", saveEvery: 3);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains($"{PathIn("cut.gznet")} holds the last good checkpoint", stopped.Error);
        Assert.Equal(3, Checkpoint.Load(PathIn("cut.gznet")).Metadata.TrainingSteps);

        var resumed = Stream("cut.gznet", "resumed.gznet", 5, "0.02", saveEvery: 3);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("every sample of", resumed.Output);
        Assert.Contains("value weight 0.01", resumed.Output);
        var whole = Checkpoint.Load(PathIn("whole.gznet"));
        var continued = Checkpoint.Load(PathIn("resumed.gznet"));
        Assert.Equal(8, continued.Metadata.TrainingSteps);
        foreach (var (a, b) in whole.Weights.Tensors.Zip(continued.Weights.Tensors)) Assert.Equal(a, b);
        foreach (var (a, b) in whole.OptimizerState.Zip(continued.OptimizerState)) Assert.Equal(a.Values, b.Values);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    [Theory]
    [InlineData("1e30", 5, 2, "the loss is not finite")]
    [InlineData("1e30", 1, 1, "the loss after its update is not finite")]
    public void DivergingTrainingStopsInWordsAndWritesNothing(string rate, int steps, int failingStep, string what)
    {
        string output = PathIn("out.gznet");
        File.Copy(PathIn("start.gznet"), output);
        byte[] before = File.ReadAllBytes(output);

        var run = CommandRun.Of("net", "train", "--data", PathIn("sp/data"), "--from", PathIn("start.gznet"), "--out", output,
            "--steps", steps.ToString(), "--batch", "16", "--threads", "1", "--lr", rate);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: training diverged at step {failingStep} ({what}): lower --lr (it was {rate}); nothing was written to {output}, " +
                     $"the last good checkpoint is {PathIn("start.gznet")}", run.Error.TrimEnd());
        Assert.Equal(before, File.ReadAllBytes(output));
    }

    [Fact]
    public void MissingDataFolderIsAnError()
    {
        var run = CommandRun.Of("net", "train", "--data", PathIn("none"), "--from", PathIn("start.gznet"), "--out", PathIn("x.gznet"), "--steps", "2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such folder", run.Error);
    }

    [Fact]
    public void CorruptChunkIsSkippedWithAWarningAndTrainingGoesOn()
    {
        string chunk = Directory.GetFiles(PathIn("sp/data"), "*.chunk").Order().First();
        var bytes = File.ReadAllBytes(chunk);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(chunk, bytes);
        var run = Train("start.gznet", "c.gznet", 2);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("skipped", run.Error);
        Assert.Contains(Path.GetFileName(chunk), run.Error);
    }

    /// <summary>Distillation (issue 20): trained on a teacher's outputs, the student's policy and value come closer to
    /// the teacher's on positions it never trained on.</summary>
    [Fact]
    public void AStudentTrainedOnATeachersOutputsComesCloserToIt()
    {
        // Fixed positions, not the fixture's self-play, so that the run is the same on every machine: the student
        // learns the teacher's outputs on these positions and is measured on them.
        var positions = FixedGame(seed: 5, moves: 30);
        Directory.CreateDirectory(PathIn("fixed"));
        using (var writer = new TrainingChunkWriter(PathIn("fixed/game.chunk"), 5))
        {
            float[] uniform = Enumerable.Repeat(1f / 26, 26).ToArray();
            var game = new GoZero.Engine.Game(5);
            foreach (var move in positions)
            {
                var sample = TrainingSample.Capture(game, uniform, gameId: 1);
                sample.SetWinner(GoZero.Engine.Color.Black);
                writer.Append(sample);
                game.Play(move);
            }
            writer.Complete();
        }
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--seed", "9", "--out", PathIn("teacher.gznet")).ExitCode);
        double before = Distance("start.gznet", "teacher.gznet", positions);

        var run = CommandRun.Of("net", "train", "--data", PathIn("fixed"), "--from", PathIn("start.gznet"), "--out", PathIn("student.gznet"),
            "--steps", "100", "--batch", "16", "--threads", "1", "--lr", "0.01", "--teacher", PathIn("teacher.gznet"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("distilling " + PathIn("teacher.gznet"), run.Output);
        Assert.Contains("distilling", Checkpoint.Load(PathIn("student.gznet")).Metadata.Notes);
        double after = Distance("student.gznet", "teacher.gznet", positions);
        Assert.True(after < 0.7 * before, $"distance to the teacher {before:0.000} before, {after:0.000} after");
    }

    /// <summary>A game of random legal moves (no passes), the same for a seed on every machine.</summary>
    private static List<GoZero.Engine.Move> FixedGame(int seed, int moves)
    {
        var random = new Random(seed);
        var game = new GoZero.Engine.Game(5);
        var played = new List<GoZero.Engine.Move>();
        for (int i = 0; i < moves; i++)
        {
            var legal = game.LegalMoves().Where(m => !m.IsPass).ToList();
            if (legal.Count == 0) break;
            var move = legal[random.Next(legal.Count)];
            game.Play(move);
            played.Add(move);
        }
        return played;
    }

    [Theory]
    [InlineData("0", 2, "--teacher-weight must be in (0, 1]")]
    [InlineData("1", 1, "plays on 9×9")]
    public void ABadTeacherIsRefused(string weight, int exitCode, string expected)
    {
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "9", "--out", PathIn("nine.gznet")).ExitCode);
        var run = CommandRun.Of("net", "train", "--data", PathIn("sp/data"), "--from", PathIn("start.gznet"), "--out", PathIn("x.gznet"),
            "--steps", "1", "--teacher", PathIn("nine.gznet"), "--teacher-weight", weight);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.False(File.Exists(PathIn("x.gznet")));
    }

    /// <summary>The mean over the positions before each of <paramref name="moves"/> of the policies' total variation plus the values' difference.</summary>
    private double Distance(string a, string b, IEnumerable<GoZero.Engine.Move> moves)
    {
        using var netA = ModelFactory.OpenInference(NetworkFile.Load(PathIn(a)).Weights);
        using var netB = ModelFactory.OpenInference(NetworkFile.Load(PathIn(b)).Weights);
        var game = new GoZero.Engine.Game(5);
        double sum = 0;
        int positions = 0;
        foreach (var move in moves)
        {
            var x = new NetworkEvaluator(netA).Evaluate(game);
            var y = new NetworkEvaluator(netB).Evaluate(game);
            sum += 0.5 * x.Policy.Zip(y.Policy, (p, q) => Math.Abs(p - q)).Sum() + Math.Abs(x.Value - y.Value);
            positions++;
            game.Play(move);
        }
        return sum / positions;
    }
}
