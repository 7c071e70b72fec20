using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network.Training;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class SelfPlayWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-selfplay-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private RunLayout Layout => new(folder);

    private static readonly SelfPlayOptions Options = new(5, RulesOptions.Default with { Komi = 0.5 }, Playouts: 16, ResignThreshold: 0);

    private static SelfPlayRecord Game(long id) => SelfPlayGame.Play(id, new RolloutEvaluator(1, seed: 2), Options, seed: (ulong)id + 1);

    [Fact]
    public void CompletedChunksHoldEverySampleWithItsOutcome()
    {
        var games = Enumerable.Range(0, 4).Select(i => Game(i)).ToList();
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 2))
            foreach (var game in games) writer.Write(game);

        var data = TrainingDataSet.Load(Path.Combine(folder, "data"), 5, window: 100_000);
        Assert.Equal(2, data.Chunks.Count);
        Assert.Equal(games.Sum(g => g.Moves.Count), data.Count);
        int index = 0;
        foreach (var game in games)
            for (int move = 0; move < game.Moves.Count; move++, index++)
            {
                var sample = data[index];
                Assert.Equal((ulong)game.Id, sample.GameId);
                Assert.Equal(move, sample.MoveNumber);
                Assert.Equal(game.OutcomeFor(move), sample.Outcome);
                Assert.Equal(game.Moves[move].Policy, sample.Policy.ToArray());
                Assert.Equal(game.Game.Players[move], sample.ToMove);
            }
    }

    [Fact]
    public void GamesOfAnUnfinishedChunkAreNotWritten()
    {
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 2))
        {
            writer.Write(Game(0));
            writer.Write(Game(1));
            writer.Write(Game(2));
            Assert.Equal(2, writer.Statistics.Games);
        }
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "games"), "*.sgf").Length);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "data"), "*.chunk"));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "data"), "*.part"));
        Assert.Equal(2, SelfPlayWriter.ReadStatistics(Layout).Games);
    }

    [Fact]
    public void GamesInTheFolderAreCountedNotTheNextId()
    {
        // Games played at once finish out of order: a folder may hold games 0, 3, 5 and 6, four games whose next id is 7.
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 2))
            foreach (long id in new long[] { 0, 3, 5, 6 }) writer.Write(Game(id));
        using var reopened = new SelfPlayWriter(Layout, 5, gamesPerChunk: 2);
        Assert.Equal(4, Layout.CountGames());
        Assert.Equal(7, reopened.Statistics.NextGameId);
    }

    [Fact]
    public void AGameAnotherProducerDeliveredIsCountedAndTemporariesAreNot()
    {
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1)) writer.Write(Game(0));
        Assert.Equal(1, Layout.CountGames());

        // Another producer's game, delivered as RunLayout says: its chunk, then its SGF under its own id.
        var delivered = Game(1000);
        using (var chunk = new TrainingChunkWriter(Path.Combine(Layout.DataFolder, "remote-000001" + TrainingChunk.Extension), 5))
        {
            foreach (var sample in SelfPlayWriter.Samples(delivered)) chunk.Append(sample);
            chunk.Complete();
        }
        SgfWriter.Save(SelfPlayWriter.ToSgf(delivered), Layout.GamePath(delivered.Id));
        // What a producer killed while writing leaves: an SGF and a chunk under their temporary names.
        File.WriteAllText(Path.Combine(Layout.GamesFolder, ".00001001.sgf.k1ll3d.tmp"), "(;GM[1]");
        File.WriteAllText(Path.Combine(Layout.DataFolder, "remote-000002.chunk.part"), "being written");

        Assert.Equal(2, Layout.CountGames());
        Assert.Equal(1000, Layout.HighestGameId());
        using var reopened = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1);
        Assert.Equal(1001, reopened.Statistics.NextGameId);
        Assert.Equal(1, reopened.Statistics.Games); // this machine's own counts: the delivered game is not among them
    }

    [Fact]
    public void ACountedLayoutSeesGamesThatArriveLater()
    {
        var layout = Layout;
        Directory.CreateDirectory(layout.GamesFolder);
        Assert.Equal(0, layout.CountGames());
        File.WriteAllText(layout.GamePath(7), "(;GM[1])");
        // A second listing within the timestamp slack of the first may be skipped: the arrival shows within it.
        long counted = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (counted == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            counted = layout.CountGames();
            if (counted == 0) Thread.Sleep(50);
        }
        Assert.Equal(1, counted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"counted after {clock.Elapsed}");
    }

    [Fact]
    public void SgfRecordsReplayToTheSameGame()
    {
        var game = Game(3);
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1)) writer.Write(game);
        var record = SgfReader.Load(Path.Combine(folder, "games", "00000003.sgf"));
        Assert.Equal(game.Result, record.Result);
        Assert.Equal(game.Game.Moves.Where(m => !m.IsResign), record.ToGame().Moves);
        Assert.All(record.Moves, m => Assert.Contains("visits", m.Comment));
    }

    [Fact]
    public void NewWriterContinuesTheCountsAndTheChunkNumbers()
    {
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1)) { writer.Write(Game(0)); writer.Write(Game(1)); }
        using (var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1))
        {
            Assert.Equal(2, writer.Statistics.NextGameId);
            writer.Write(Game(writer.Statistics.NextGameId));
            Assert.Equal(3, writer.Statistics.Games);
        }
        Assert.Equal(["chunk-000001.chunk", "chunk-000002.chunk", "chunk-000003.chunk"],
            Directory.GetFiles(Path.Combine(folder, "data")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void StatisticsCountFalseResignations()
    {
        var record = Game(0) with { ResignationAllowed = false };
        var won = record with { WouldHaveResigned = record.Result.Winner };
        var lost = record with { WouldHaveResigned = record.Result.Winner.Opponent() };
        var stats = new SelfPlayStatistics().Add(won).Add(lost).Add(record);
        Assert.Equal((3, 2, 1), (stats.NoResignGames, stats.WouldHaveResigned, stats.FalseResignations));
        Assert.Equal(1.0 / 3, stats.FalseResignationRate, 9);
    }

    [Fact]
    public void CorruptStatisticsFileIsAClearError()
    {
        File.WriteAllText(Path.Combine(folder, "selfplay.json"), "[1,2");
        var error = Assert.Throws<InvalidDataException>(() => new SelfPlayWriter(Layout, 5));
        Assert.Contains("selfplay.json", error.Message);
    }
}

public sealed class ResignCalibrationTests
{
    private static SelfPlayStatistics WithMinima(IEnumerable<double> minima) => new() { RecentWinnerMinima = minima.ToArray() };

    [Fact]
    public void NobodyResignsBeforeEnoughGamesArePlayedOut() =>
        Assert.Equal(0, WithMinima(Enumerable.Repeat(0.5, SelfPlayStatistics.MinimumCalibrationGames - 1)).ResignThreshold(0.05));

    [Fact]
    public void ThresholdKeepsFalseResignationsAtFivePercent()
    {
        // Winners' minima 0.01, 0.02, …, 1.00: below 0.06 lie 5 of 100, so a threshold of 0.06 resigns wrongly 5% of the time.
        var stats = WithMinima(Enumerable.Range(1, 100).Select(i => i / 100.0));
        Assert.Equal(0.06, stats.ResignThreshold(0.5), 9);
        Assert.Equal(0.05, stats.ResignThreshold(0.05), 9);
        Assert.Equal(0, stats.ResignThreshold(0));
    }

    [Fact]
    public void NoisyValueHeadMeansNoResignation()
    {
        // A network whose winners often believed themselves lost: the threshold falls to what keeps them safe.
        var stats = WithMinima(Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? 0.001 : 0.3));
        Assert.Equal(0.001, stats.ResignThreshold(0.05), 9);
    }

    [Fact]
    public void OnlyPlayedOutGamesCalibrate()
    {
        var played = SelfPlayGame.Play(1, new RolloutEvaluator(1, seed: 2), new SelfPlayOptions(5, RulesOptions.Default with { Komi = 0.5 }, Playouts: 16, NoResignShare: 1), seed: 3);
        var allowed = played with { ResignationAllowed = true };
        var stats = new SelfPlayStatistics().Add(played).Add(allowed);
        Assert.Equal([played.WinnerMinimumWinRate], stats.RecentWinnerMinima!);
        Assert.InRange(played.WinnerMinimumWinRate, 0, 1);
    }

    [Fact]
    public void CalibrationKeepsTheMostRecentGames()
    {
        var stats = new SelfPlayStatistics();
        var game = SelfPlayGame.Play(1, new RolloutEvaluator(1, seed: 2), new SelfPlayOptions(5, RulesOptions.Default with { Komi = 0.5 }, Playouts: 8, NoResignShare: 1), seed: 3);
        for (int i = 0; i < SelfPlayStatistics.CalibrationGames + 10; i++) stats = stats.Add(game);
        Assert.Equal(SelfPlayStatistics.CalibrationGames, stats.RecentWinnerMinima!.Length);
    }
}
