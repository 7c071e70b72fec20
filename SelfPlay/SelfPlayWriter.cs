using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Network;
using GoZero.Network.Training;

namespace GoZero.SelfPlay;

/// <summary>
/// Writes finished self-play games into a run's folder (<see cref="RunLayout"/>): training samples (one per move, z set
/// from the result) into data/, an SGF per game (per-move comments: the search's win rate and visits) into games/, and
/// the counts into selfplay.json. A chunk collects <see cref="GamesPerChunk"/> games and is then completed atomically,
/// after which the games' SGFs and the counts are written (each atomically too); a process killed meanwhile loses
/// only the games of the chunk in progress, whose .part file later runs ignore and overwrite.
/// <para>
/// It also stores the chunks that workers on other machines play (<see cref="Store"/>), the same files in the same
/// order, so that their games count, and calibrate resignation, as this process's own do. Writing and storing may run
/// on different threads.
/// </para>
/// </summary>
public sealed class SelfPlayWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly RunLayout layout;
    private readonly int boardSize;
    private readonly List<SelfPlayRecord> pendingGames = [];
    private readonly object gate = new();
    private long nextGameId;
    private TrainingChunkWriter? chunk;
    private SelfPlayStatistics pendingStatistics;

    public SelfPlayWriter(RunLayout layout, int boardSize, int gamesPerChunk = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gamesPerChunk, 1);
        this.layout = layout;
        this.boardSize = boardSize;
        GamesPerChunk = gamesPerChunk;
        Directory.CreateDirectory(layout.DataFolder);
        Directory.CreateDirectory(layout.GamesFolder);
        // The writer is the folder's one writer (its caller holds the FolderLock), so no received chunk is in progress.
        foreach (string part in layout.ReceivedChunkParts().ToList()) File.Delete(part);
        Statistics = ReadStatistics(layout);
        // Chunks and SGFs are written before the counts, so after a crash the files may be ahead of selfplay.json.
        int chunks = TrainingDataSet.ChunkPaths(layout.DataFolder).Length;
        Statistics = Statistics with { NextGameId = Math.Max(Statistics.NextGameId, layout.HighestGameId() + 1), Chunks = Math.Max(Statistics.Chunks, chunks) };
        pendingStatistics = Statistics;
        nextGameId = Statistics.NextGameId;
    }

    public int GamesPerChunk { get; }

    /// <summary>Counts of the games this writer and those before it in the folder wrote or stored for good (their chunk
    /// complete). Games that other producers delivered into the folder themselves are not among them:
    /// <see cref="RunLayout.CountGames"/> counts every game in the folder.</summary>
    public SelfPlayStatistics Statistics { get; private set; }

    /// <summary>The most bytes a selfplay.json may have: 64 MiB, far more than its counts and calibration take.</summary>
    public const int MaxStatisticsBytes = 64 << 20;

    /// <summary>The counts saved in a folder's selfplay.json; zero counts when there is none.</summary>
    public static SelfPlayStatistics ReadStatistics(RunLayout layout)
    {
        string path = layout.SelfPlayStatisticsPath;
        if (!File.Exists(path)) return new SelfPlayStatistics();
        try
        {
            return JsonSerializer.Deserialize<SelfPlayStatistics>(InputFile.ReadAllBytes(path, MaxStatisticsBytes, "a self-play statistics file"), Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a self-play statistics file: {e.Message}", e);
        }
    }

    /// <summary>Ids for <paramref name="count"/> new games, unique among the games of this writer's folder, whoever
    /// asks: the in-process self-play and the chunks received draw from the same count. Thread-safe.</summary>
    public long TakeGameIds(int count) => Interlocked.Add(ref nextGameId, count) - count;

    /// <summary>Adds a finished game; completes the chunk when it holds <see cref="GamesPerChunk"/> games.</summary>
    public void Write(SelfPlayRecord record)
    {
        lock (gate) WriteLocked(record);
    }

    private void WriteLocked(SelfPlayRecord record)
    {
        if (record.Game.Size != boardSize)
            throw new ArgumentException($"a {record.Game.Size}×{record.Game.Size} game in a {boardSize}×{boardSize} self-play folder", nameof(record));
        chunk ??= new TrainingChunkWriter(layout.ChunkPath(pendingStatistics.Chunks + 1), boardSize);
        foreach (var sample in Samples(record)) chunk.Append(sample);
        pendingGames.Add(record);
        pendingStatistics = pendingStatistics.Add(record);
        if (pendingGames.Count >= GamesPerChunk) FlushLocked();
    }

    /// <summary>Completes the chunk in progress, if any, and writes its games' SGFs and the counts.</summary>
    public void Flush()
    {
        lock (gate) FlushLocked();
    }

    private void FlushLocked()
    {
        if (chunk is null || pendingGames.Count == 0) return;
        chunk.Complete();
        chunk.Dispose();
        chunk = null;
        foreach (var record in pendingGames) SgfWriter.Save(ToSgf(record), layout.GamePath(record.Id));
        pendingGames.Clear();
        Statistics = pendingStatistics with { Chunks = pendingStatistics.Chunks + 1 };
        pendingStatistics = Statistics;
        AtomicFile.Write(layout.SelfPlayStatisticsPath, stream => JsonSerializer.Serialize(stream, Statistics, Json));
    }

    /// <summary>Writes every game the channel brings until it completes, then flushes; <paramref name="onGame"/> sees
    /// each game as it arrives.</summary>
    public async Task ConsumeAsync(ChannelReader<SelfPlayRecord> games, Action<SelfPlayRecord>? onGame = null, CancellationToken cancellation = default)
    {
        await foreach (var record in games.ReadAllAsync(cancellation))
        {
            Write(record);
            onGame?.Invoke(record);
        }
        Flush();
    }

    /// <summary>
    /// Stores a chunk a worker played, as <see cref="RunLayout"/> says a producer must: the chunk, written to a .part
    /// file, checked (its board size, its SHA-256, as many samples as its games claim) and renamed to
    /// <see cref="RunLayout.ReceivedChunkPath"/>; then each game's SGF, under a new game id; then the counts. Returns
    /// false, storing nothing new, when the chunk of that message id is already stored — a message the trainer had
    /// stored but not acknowledged when it was stopped comes again — except the SGFs a stop between the chunk and its
    /// records left missing. Such a message's games are not counted again in selfplay.json: at worst a stop there
    /// leaves one chunk's games out of the counts, never twice in them. A message that is not a chunk of this folder's
    /// board size, or whose chunk or records do not read, is an <see cref="InvalidDataException"/> and leaves nothing.
    /// </summary>
    public bool Store(Distributed.GameChunkMessage message)
    {
        lock (gate)
        {
            if (layout.FindReceivedChunk(message.MessageId) is var (_, storedFirst))
            {
                for (int i = 0; i < message.Games.Count; i++)
                    if (!File.Exists(layout.GamePath(storedFirst + i))) SaveRecord(message.Games[i].Sgf, storedFirst + i);
                return false;
            }
            if (message.BoardSize != boardSize)
                throw new InvalidDataException($"chunk {message.MessageId} is of {message.BoardSize}×{message.BoardSize} games; this run plays {boardSize}×{boardSize}");
            foreach (var game in message.Games)
            {
                SgfGame record;
                try
                {
                    record = SgfReader.Read(game.Sgf);
                }
                catch (SgfFormatException e)
                {
                    throw new InvalidDataException($"chunk {message.MessageId}: a game's record is not SGF: {e.Message}", e);
                }
                if (record.Size != boardSize)
                    throw new InvalidDataException($"chunk {message.MessageId}: a {record.Size}×{record.Size} game record in a {boardSize}×{boardSize} run");
            }
            long first = TakeGameIds(message.Games.Count);
            string path = layout.ReceivedChunkPath(pendingStatistics.Chunks + 1, message.MessageId, first);
            string part = path + TrainingChunk.PartSuffix;
            using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(message.Chunk);
                file.Flush(flushToDisk: true);
            }
            try
            {
                using var reader = TrainingChunkReader.Open(part, boardSize);
                long samples = reader.ReadSamples().LongCount();
                long claimed = message.Games.Sum(g => (long)g.Summary.Samples);
                if (samples != claimed)
                    throw new InvalidDataException($"chunk {message.MessageId} holds {samples} samples; its games claim {claimed}");
            }
            catch (Exception e) when (e is TrainingDataFormatException or InvalidDataException)
            {
                File.Delete(part);
                throw e as InvalidDataException ?? new InvalidDataException($"chunk {message.MessageId}: {((TrainingDataFormatException)e).Reason}", e);
            }
            File.Move(part, path);
            var stored = Statistics;
            var pending = pendingStatistics;
            for (int i = 0; i < message.Games.Count; i++)
            {
                SaveRecord(message.Games[i].Sgf, first + i);
                var summary = message.Games[i].Summary with { Id = first + i };
                stored = stored.Add(summary);
                pending = pending.Add(summary);
            }
            Statistics = stored with { Chunks = stored.Chunks + 1 };
            pendingStatistics = pending with { Chunks = pending.Chunks + 1 };
            AtomicFile.Write(layout.SelfPlayStatisticsPath, stream => JsonSerializer.Serialize(stream, Statistics, Json));
            return true;
        }
    }

    private void SaveRecord(string sgf, long id) =>
        AtomicFile.Write(layout.GamePath(id), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(sgf)));

    /// <summary>Drops the chunk in progress (its .part file is deleted); the games in it are lost.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            chunk?.Dispose();
            chunk = null;
            pendingGames.Clear();
        }
    }

    /// <summary>One sample per move before the end, z from the mover's view of the result; and, in a game played to
    /// the end, the final ownership and score (<see cref="FinalTargets"/>).</summary>
    public static IEnumerable<TrainingSample> Samples(SelfPlayRecord record)
    {
        var replay = new Game(record.Game.Size, record.Game.Rules);
        var finalTargets = FinalTargetsOf(record.Game);
        for (int i = 0; i < record.Moves.Count; i++)
        {
            var sample = TrainingSample.Capture(replay, record.Moves[i].Policy, (ulong)record.Id, record.Moves[i].FullSearch);
            sample.SetWinner(record.Result.Winner);
            if (finalTargets is not null) sample.SetFinalTargets(finalTargets);
            yield return sample;
            replay.Play(record.Game.Players[i], record.Moves[i].Move);
        }
    }

    /// <summary>
    /// KataGo's ownership and score targets (Wu 2019, section 4.1) of a game that ended by two passes: its final
    /// position's area, the dead stones judged and taken off as the referee scores a game
    /// (<see cref="FinalTargets.Judged"/>). A resigned game gives none: it stops before its end, so the owner of each
    /// point and the margin are guesses, and a guessed target would teach the heads the guesser's errors. Nor does a
    /// game cut off at the move limit, whose last position may still hold open fights. The games of a run's no-resign
    /// share (<see cref="SelfPlayOptions.NoResignShare"/>) are played to the end whatever their score, so every run
    /// gives these targets.
    /// </summary>
    public static FinalTargets? FinalTargetsOf(Game game) => game.Current.ConsecutivePasses >= 2 ? FinalTargets.Judged(game) : null;

    public static SgfGame ToSgf(SelfPlayRecord record)
    {
        var comments = record.Moves
            .Select(m => (string?)string.Create(CultureInfo.InvariantCulture, $"win rate {100 * m.WinRate:0.0}%, {m.Visits} visits"))
            .ToList();
        if (record.Game.MoveCount > record.Moves.Count) comments.Add("resigns");
        string check = record.ResignationAllowed ? ""
            : record.WouldHaveResigned == Color.Empty ? "; played out to check resignation: nobody would have resigned"
            : $"; played out to check resignation: {record.WouldHaveResigned} would have resigned{(record.FalseResignation ? " and won (a false resignation)" : "")}";
        return SgfGame.FromGame(record.Game, comments) with
        {
            Result = record.Result,
            BlackPlayer = "GoZero self-play",
            WhitePlayer = "GoZero self-play",
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Comment = $"Self-play game {record.Id}{check}",
        };
    }
}
