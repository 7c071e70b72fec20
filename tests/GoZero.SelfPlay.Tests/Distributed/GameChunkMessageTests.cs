using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network.Training;
using GoZero.SelfPlay.Distributed;

namespace GoZero.SelfPlay.Tests.Distributed;

/// <summary>The message a worker publishes, and how the run's writer stores one: the RunLayout way, once per message
/// id, a corrupt or foreign one refused with nothing left behind. No server needed.</summary>
public sealed class GameChunkMessageTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-chunkmsg-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    // Every game played out to check resignation, so that the calibration has some.
    private static SelfPlayRecord Game(long id, int size = 5) =>
        SelfPlayGame.Play(id, new RolloutEvaluator(1, seed: 2), new SelfPlayOptions(size, RulesOptions.Default with { Komi = 0.5 }, Playouts: 8, ResignThreshold: 0.2, NoResignShare: 1), seed: (ulong)id + 1);

    private GameChunkMessage Message(long sequence, int size = 5, int games = 2) =>
        GameChunkMessage.Of(GameChunkMessage.IdOf("0123456789ab", sequence), size, new string('a', 64),
                            Enumerable.Range(0, games).Select(i => Game(sequence * 10 + i, size)).ToList(), Path.Combine(folder, "scratch"));

    private RunLayout Layout => new(Path.Combine(folder, "run"));

    [Fact]
    public void AMessageReadsBackAsItWasWritten()
    {
        var message = Message(1);
        var read = GameChunkMessage.Decode(message.Encode());
        Assert.Equal(message.MessageId, read.MessageId);
        Assert.Equal(5, read.BoardSize);
        Assert.Equal(message.NetworkSha256, read.NetworkSha256);
        Assert.Equal(message.Games, read.Games);
        Assert.Equal(message.Chunk, read.Chunk);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "scratch")));
    }

    [Fact]
    public void EveryTruncationAndAForeignBodyAreRefusedWithAReason()
    {
        byte[] body = Message(1).Encode();
        int headerEnd = 16 + BitConverter.ToInt32(body, 12);
        // Any cut inside the prefix or the header; a cut in the chunk is the chunk's reader's to find (see below).
        foreach (int length in Enumerable.Range(0, headerEnd + 1))
            Assert.Throws<InvalidDataException>(() => GameChunkMessage.Decode(body.AsSpan(0, length)));
        Assert.Contains("GZGAMES", Assert.Throws<InvalidDataException>(() => GameChunkMessage.Decode("hello, world, this is no chunk"u8)).Message);
        var wrongVersion = (byte[])body.Clone();
        wrongVersion[8] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => GameChunkMessage.Decode(wrongVersion)).Message);
    }

    [Theory]
    [InlineData("0123456789ab-00000001", true)]
    [InlineData("0123456789AB-00000001", false)]
    [InlineData("0123456789ab-../../x", false)]
    [InlineData("0123456789ab", false)]
    public void OnlyIdsOfTheWorkersShapeAreMessageIds(string id, bool valid) => Assert.Equal(valid, GameChunkMessage.IsMessageId(id));

    [Fact]
    public void AStoredChunkIsInTheRunAsTheInProcessSelfPlaysGamesAre()
    {
        using var writer = new SelfPlayWriter(Layout, 5);
        var message = Message(1);
        Assert.True(writer.Store(message));

        var chunk = Assert.Single(TrainingDataSet.ChunkPaths(Layout.DataFolder));
        Assert.Equal(Layout.ReceivedChunkPath(1, message.MessageId, 0), chunk);
        Assert.Equal(2, Layout.CountGames());
        Assert.Equal(message.Games[1].Sgf, File.ReadAllText(Layout.GamePath(1)));
        using (var reader = TrainingChunkReader.Open(chunk, 5)) Assert.Equal(message.Games.Sum(g => g.Summary.Samples), reader.Count);
        Assert.Equal(2, writer.Statistics.Games);
        Assert.Equal(2, SelfPlayWriter.ReadStatistics(Layout).Games);
        // The worker's played-out games calibrate the run's resignation as its own do.
        var playedOut = message.Games.Where(g => !g.Summary.ResignationAllowed && double.IsFinite(g.Summary.WinnerMinimumWinRate)).ToList();
        Assert.NotEmpty(playedOut);
        Assert.Equal(message.Games.Count(g => !g.Summary.ResignationAllowed), writer.Statistics.NoResignGames);
        Assert.Equal(playedOut.Select(g => g.Summary.WinnerMinimumWinRate), writer.Statistics.RecentWinnerMinima ?? []);
        Assert.Equal(2, writer.TakeGameIds(1));
    }

    [Fact]
    public void AMessageStoredTwiceIsStoredOnceAndItsMissingRecordsAreWrittenTheSecondTime()
    {
        var message = Message(1);
        using (var writer = new SelfPlayWriter(Layout, 5)) Assert.True(writer.Store(message));
        // A trainer stopped between the chunk and its records: one record lost.
        File.Delete(Layout.GamePath(1));
        using (var writer = new SelfPlayWriter(Layout, 5))
        {
            Assert.False(writer.Store(message));
            Assert.False(writer.Store(GameChunkMessage.Decode(message.Encode())));
        }
        Assert.Single(TrainingDataSet.ChunkPaths(Layout.DataFolder));
        Assert.Equal(2, Layout.CountGames());
        Assert.True(File.Exists(Layout.GamePath(1)));
    }

    [Fact]
    public void AReceivedChunkLeftHalfWrittenIsDeletedWhenTheFolderIsOpenedAgain()
    {
        Directory.CreateDirectory(Layout.DataFolder);
        string part = Layout.ReceivedChunkPath(3, GameChunkMessage.IdOf("0123456789ab", 9), 40) + TrainingChunk.PartSuffix;
        File.WriteAllText(part, "half a chunk");
        using var writer = new SelfPlayWriter(Layout, 5);
        Assert.False(File.Exists(part));
        Assert.Null(Layout.FindReceivedChunk(GameChunkMessage.IdOf("0123456789ab", 9)));
    }

    [Fact]
    public void ChunksOfAnotherBoardSizeOrCorruptOnesAreRefusedAndLeaveNothing()
    {
        using var writer = new SelfPlayWriter(Layout, 5);
        Assert.Contains("7×7", Assert.Throws<InvalidDataException>(() => writer.Store(Message(1, size: 7, games: 1))).Message);

        var message = Message(2);
        var flipped = (byte[])message.Chunk.Clone();
        flipped[flipped.Length / 2] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => writer.Store(message with { Chunk = flipped }));
        Assert.Throws<InvalidDataException>(() => writer.Store(message with { Chunk = message.Chunk[..^7] }));
        Assert.Contains("not SGF", Assert.Throws<InvalidDataException>(() =>
            writer.Store(message with { Games = [message.Games[0] with { Sgf = "(;GM[1]SZ[5];B[" }, message.Games[1]] })).Message);
        Assert.Contains("claim", Assert.Throws<InvalidDataException>(() => writer.Store(message with { Games = [message.Games[0]] })).Message);

        Assert.Empty(Directory.GetFiles(Layout.DataFolder));
        Assert.Equal(0, Layout.CountGames());
        Assert.Equal(0, writer.Statistics.Games);
    }

    [Fact]
    public void ReceivedAndInProcessGamesShareOneCountOfIdsAndChunks()
    {
        using var writer = new SelfPlayWriter(Layout, 5, gamesPerChunk: 1);
        writer.Write(Game(writer.TakeGameIds(1)));
        writer.Store(Message(1));
        writer.Write(Game(writer.TakeGameIds(1)));
        Assert.Equal(4, Layout.CountGames());
        Assert.Equal(3, TrainingDataSet.ChunkPaths(Layout.DataFolder).Length);
        Assert.Equal(4, writer.Statistics.Games);
        Assert.Equal(4, writer.Statistics.NextGameId);
    }
}
