using GoZero.Engine;
using GoZero.Network.HeldOut;
using GoZero.Network.Import;
using GoZero.Network.Tests.Import;

namespace GoZero.Network.Tests.HeldOut;

public sealed class HeldOutTestTests : IDisposable
{
    private static readonly NetworkShape Tiny = new(19, 1, 8);

    private readonly string folder = Directory.CreateTempSubdirectory("gozero-heldout-").FullName;
    private readonly List<string> warnings = [];
    private readonly IInferenceModel network = ModelFactory.OpenInference(NetworkWeights.Random(Tiny, seed: 7), threads: 1);

    public void Dispose()
    {
        network.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private string In(string name) => Path.Combine(folder, name);

    private HeldOutSummary Test(HeldOutOptions options) => HeldOutTest.Run(options, network, warnings.Add);

    /// <summary>The figures computed the plain way: the one game of the fixture folder that is kept
    /// (master-gu-li.sgf), replayed move by move, each position evaluated alone by <see cref="NetworkEvaluator"/>,
    /// the rank, −log p and (v − z)² of every move worked out here.</summary>
    private HeldOutMetrics Reference(bool average)
    {
        var record = SgfReader.Load(Path.Combine(ExpertFixture.SgfFolder, "master-gu-li.sgf"), SgfFolder.Rules);
        var winner = record.Result!.Winner;
        var evaluator = new NetworkEvaluator(network);
        var game = new Game(record.Size, record.Rules);
        var metrics = new HeldOutMetrics();
        foreach (var move in record.Moves)
        {
            var evaluation = average ? evaluator.EvaluateAllSymmetries(game) : evaluator.Evaluate(game);
            float p = evaluation.Policy[game.Geometry.PolicyIndexOf(move.Move)];
            int rank = evaluation.Policy.Count(q => q >= p) - 1;
            int z = winner == game.ToMove ? 1 : -1;
            double error = (double)evaluation.Value - z;
            metrics.Add(new PositionScore(rank == 0, rank < 5, -Math.Log(p), error * error), game.MoveCount + 1);
            game.Play(move.Player, move.Move);
        }
        return metrics;
    }

    private static void AssertSame(PredictionTotals expected, PredictionTotals actual)
    {
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(expected.Top1Hits, actual.Top1Hits);
        Assert.Equal(expected.Top5Hits, actual.Top5Hits);
        Assert.Equal(expected.CrossEntropy, actual.CrossEntropy, 9);
        Assert.Equal(expected.ValueMse, actual.ValueMse, 9);
    }

    private static void AssertSame(HeldOutMetrics expected, HeldOutMetrics actual)
    {
        AssertSame(expected.All, actual.All);
        foreach (var phase in Enum.GetValues<GamePhase>()) AssertSame(expected[phase], actual[phase]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FiguresEqualThoseOfEvaluatingEachPositionAlone(bool average)
    {
        var summary = Test(new HeldOutOptions(Sgf: ExpertFixture.SgfFolder, Batch: 64, Average: average));

        var expected = Reference(average);
        Assert.Equal(235, expected.All.Positions);
        AssertSame(expected, summary.Metrics);
        Assert.Equal((30L, 70L, 135L), (summary.Metrics[GamePhase.Opening].Positions, summary.Metrics[GamePhase.Middlegame].Positions, summary.Metrics[GamePhase.Endgame].Positions));
    }

    [Fact]
    public void ANetworkOfZeroWeightsScoresTheUniformPolicysFiguresAndNoHits()
    {
        // Zero weights: every logit 0, so p = 1/362 for every move, and v = tanh(0) = 0 against z = ±1.
        using var zero = ModelFactory.OpenInference(new NetworkWeights(Tiny), threads: 1);

        var summary = HeldOutTest.Run(new HeldOutOptions(Sgf: ExpertFixture.SgfFolder), zero, warnings.Add);

        Assert.Equal(235, summary.Metrics.All.Positions);
        Assert.Equal((0L, 0L), (summary.Metrics.All.Top1Hits, summary.Metrics.All.Top5Hits));
        Assert.Equal(Math.Log(362), summary.Metrics.All.CrossEntropy, 6);
        Assert.Equal(1.0, summary.Metrics.All.ValueMse, 12);
    }

    [Fact]
    public void GamesAreKeptAndSkippedAsTheImportKeepsAndSkipsThem()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        var import = ExpertGameImport.Run(new ImportOptions(In("out"), tygem, ExpertFixture.SgfFolder), _ => { });

        var summary = Test(new HeldOutOptions(ExpertFixture.SgfFolder, tygem));

        Assert.Equal(import.GamesRead, summary.GamesRead);
        Assert.Equal(import.GamesImported, summary.Games);
        Assert.Equal(import.Samples, summary.Metrics.All.Positions);
        Assert.Equal(import.Skipped, summary.Skipped);
        Assert.Contains(warnings, w => w.Contains("deepzen-leela-ha-7.5.sgf", StringComparison.Ordinal));
    }

    [Fact]
    public void ThoseGamesImportedAsChunksGiveTheSameFigures()
    {
        ExpertGameImport.Run(new ImportOptions(In("out"), Sgf: ExpertFixture.SgfFolder), _ => { });

        var fromChunks = Test(new HeldOutOptions(Data: In("out")));

        Assert.Equal(1, fromChunks.Games);
        AssertSame(Test(new HeldOutOptions(Sgf: ExpertFixture.SgfFolder)).Metrics, fromChunks.Metrics);
    }

    [Fact]
    public void TheBatchSizeDoesNotChangeTheFigures()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        var small = Test(new HeldOutOptions(ExpertFixture.SgfFolder, tygem, Batch: 5));
        var large = Test(new HeldOutOptions(ExpertFixture.SgfFolder, tygem, Batch: 256));

        Assert.Equal(4, small.Games);
        Assert.Equal(small.Metrics.All.CrossEntropySum, large.Metrics.All.CrossEntropySum);
        Assert.Equal(small.Metrics.All.SquaredErrorSum, large.Metrics.All.SquaredErrorSum);
        Assert.Equal(small.Metrics.All.Top5Hits, large.Metrics.All.Top5Hits);
    }

    [Fact]
    public void GamesStopsAfterThatManyGamesTested()
    {
        var summary = Test(new HeldOutOptions(Tygem: ExpertFixture.WriteTygem(In("tygem")), Games: 1));
        Assert.Equal((1L, 1L), (summary.GamesRead, summary.Games));
        Assert.Equal(ExpertSamples.Of(SgfFolderGame(ExpertFixture.TygemIds[0]), 0).Count(), summary.Metrics.All.Positions);
    }

    private static SgfGame SgfFolderGame(ulong tygemId)
    {
        string line = ExpertFixture.TygemLine(tygemId);
        return SgfReader.Read("(;GM[1]SZ[19]RE[B+R]" + line[(line.IndexOf('\t') + 1)..] + ")", TygemArchive.Rules);
    }

    [Fact]
    public void AFolderWithNothingToTestOnIsRefusedNamingIt()
    {
        Directory.CreateDirectory(In("empty"));
        var empty = Assert.Throws<HeldOutSetException>(() => Test(new HeldOutOptions(Sgf: In("empty"))));
        Assert.Contains("holds no *.sgf file", empty.Message);

        Directory.CreateDirectory(In("chunks"));
        Assert.Contains("holds no training chunk", Assert.Throws<HeldOutSetException>(() => Test(new HeldOutOptions(Data: In("chunks")))).Message);

        Directory.CreateDirectory(In("short"));
        File.Copy(Path.Combine(ExpertFixture.SgfFolder, "li-long-short.SGF"), In("short/a.sgf"));
        var none = Assert.Throws<HeldOutSetException>(() => Test(new HeldOutOptions(Sgf: In("short"))));
        Assert.Equal($"{In("short")}: none of its 1 games was kept (too short 1)", none.Message);

        Assert.Throws<DirectoryNotFoundException>(() => Test(new HeldOutOptions(Sgf: In("missing"))));
    }

    [Fact]
    public void ANetworkOfAnotherBoardSizeIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Test(new HeldOutOptions(Sgf: ExpertFixture.SgfFolder, BoardSize: 9)));
        Assert.Throws<ArgumentException>(() => Test(new HeldOutOptions(Sgf: ExpertFixture.SgfFolder, Data: In("out"))));
    }
}
