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
/// </summary>
public sealed class SelfPlayWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly RunLayout layout;
    private readonly int boardSize;
    private readonly List<SelfPlayRecord> pendingGames = [];
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
        Statistics = ReadStatistics(layout);
        // Chunks and SGFs are written before the counts, so after a crash the files may be ahead of selfplay.json.
        int chunks = TrainingDataSet.ChunkPaths(layout.DataFolder).Length;
        Statistics = Statistics with { NextGameId = Math.Max(Statistics.NextGameId, layout.HighestGameId() + 1), Chunks = Math.Max(Statistics.Chunks, chunks) };
        pendingStatistics = Statistics;
    }

    public int GamesPerChunk { get; }

    /// <summary>Counts of the games this writer and those before it in the folder wrote for good (their chunk
    /// complete). Games that other producers delivered are not among them: <see cref="RunLayout.CountGames"/> counts
    /// every game in the folder.</summary>
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

    /// <summary>Adds a finished game; completes the chunk when it holds <see cref="GamesPerChunk"/> games.</summary>
    public void Write(SelfPlayRecord record)
    {
        if (record.Game.Size != boardSize)
            throw new ArgumentException($"a {record.Game.Size}×{record.Game.Size} game in a {boardSize}×{boardSize} self-play folder", nameof(record));
        chunk ??= new TrainingChunkWriter(layout.ChunkPath(pendingStatistics.Chunks + 1), boardSize);
        foreach (var sample in Samples(record)) chunk.Append(sample);
        pendingGames.Add(record);
        pendingStatistics = pendingStatistics.Add(record);
        if (pendingGames.Count >= GamesPerChunk) Flush();
    }

    /// <summary>Completes the chunk in progress, if any, and writes its games' SGFs and the counts.</summary>
    public void Flush()
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

    /// <summary>Drops the chunk in progress (its .part file is deleted); the games in it are lost.</summary>
    public void Dispose()
    {
        chunk?.Dispose();
        chunk = null;
        pendingGames.Clear();
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
