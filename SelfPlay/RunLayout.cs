using System.Globalization;
using GoZero.Network.Training;

namespace GoZero.SelfPlay;

/// <summary>
/// Every path of a training run's folder, named here and nowhere else:
/// <code>
/// config.json                            the run's settings (TrainingRunConfig)
/// ledger.jsonl                           a line per gated candidate (GenerationRecord); the last promoted is the best
/// selfplay.json                          this machine's self-play counts and resignation calibration (SelfPlayStatistics)
/// networks/generation-0000.gzn           the network the run started from
/// networks/candidate-NNNN.gzn            each candidate, with the trainer's optimizer state
/// networks/candidate-NNNN.training.json  how it was trained (CandidateTraining)
/// data/chunk-NNNNNN.chunk                training samples (TrainingChunk), a few games' to a chunk
/// data/chunk-NNNNNN-MSGID-gFIRST.chunk   a chunk received from a worker (gozero worker), named by its message id
/// games/NNNNNNNN.sgf                     one record per finished game, named by its game id
/// gating/candidate-NNNN/                 each candidate's gating match (MatchLayout)
/// anchor/after-generation-NNNN/          the best network's match against the anchor engine after generation NNNN
/// report.html                            gozero report's page
/// </code>
/// A <c>gozero selfplay</c> folder is the self-play part of it: data/, games/ and selfplay.json.
/// <para>
/// Games are counted from what is on disk (<see cref="CountGames"/>): a game is in the run once its record is in
/// games/, whoever played it. The in-process self-play (<see cref="SelfPlayWriter"/>) delivers games as any producer
/// must, and a producer elsewhere — another process, another machine — writes into the same two folders in the same
/// order: first the games' samples, as a chunk written to NAME.chunk.part and renamed to a NAME.chunk no other
/// producer uses; then one SGF per game, written under a temporary name that starts with "." and renamed to
/// <see cref="GamePath"/> of an id no other producer uses. A game counted is thus always one whose samples training
/// can read, and a file still being written is never counted.
/// </para>
/// </summary>
public sealed class RunLayout(string folder)
{
    private const string GameExtension = ".sgf";

    /// <summary>How stale a count of games/ may be while the folder's last-write time says it is unchanged: a change
    /// within the file system's timestamp tick after a listing leaves the time as it was, so a listing less than this
    /// after the folder's last change is taken again (at most this often).</summary>
    private static readonly TimeSpan TimestampSlack = TimeSpan.FromSeconds(1);

    private readonly object countLock = new();
    private (DateTime FolderWritten, DateTime CountedAt, long Games)? lastCount;

    public string Folder { get; } = folder;

    public string ConfigPath => Path.Combine(Folder, "config.json");

    public string LedgerPath => Path.Combine(Folder, "ledger.jsonl");

    public string SelfPlayStatisticsPath => Path.Combine(Folder, "selfplay.json");

    public string ReportPath => Path.Combine(Folder, "report.html");

    public string NetworksFolder => Path.Combine(Folder, "networks");

    /// <summary>Generation 0, the network the run started from, or candidate <paramref name="generation"/>.</summary>
    public string NetworkPath(int generation) =>
        Path.Combine(NetworksFolder, generation == 0 ? "generation-0000.gzn" : $"candidate-{generation:D4}.gzn");

    /// <summary>How candidate <paramref name="generation"/> was trained, beside its network.</summary>
    public string TrainingRecordPath(int generation) => Path.ChangeExtension(NetworkPath(generation), ".training.json");

    public string DataFolder => Path.Combine(Folder, "data");

    /// <summary>The in-process self-play's chunk <paramref name="number"/> (from 1).</summary>
    public string ChunkPath(int number) => Path.Combine(DataFolder, $"chunk-{number:D6}{TrainingChunk.Extension}");

    /// <summary>A chunk received from a worker: numbered as the in-process chunks are, so that the data set's
    /// newest-first order (by name) holds for it too; named by its message id, so that a chunk received again is found
    /// (<see cref="FindReceivedChunk"/>) and never stored twice; and by the id of its first game, whose SGF and those
    /// of the chunk's other games follow it.</summary>
    public string ReceivedChunkPath(int number, string messageId, long firstGameId) =>
        Path.Combine(DataFolder, string.Create(CultureInfo.InvariantCulture, $"chunk-{number:D6}-{messageId}{ReceivedGamesMark}{firstGameId:D8}{TrainingChunk.Extension}"));

    private const string ReceivedGamesMark = "-g";

    /// <summary>The complete chunk received as <paramref name="messageId"/> and the id of its first game; null when
    /// none is in data/ (a .part file is not complete).</summary>
    public (string Path, long FirstGameId)? FindReceivedChunk(string messageId)
    {
        if (!Directory.Exists(DataFolder)) return null;
        foreach (string path in Directory.EnumerateFiles(DataFolder, $"chunk-*-{messageId}{ReceivedGamesMark}*{TrainingChunk.Extension}"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (!path.EndsWith(TrainingChunk.Extension, StringComparison.Ordinal)) continue;
            if (long.TryParse(name[(name.LastIndexOf(ReceivedGamesMark, StringComparison.Ordinal) + ReceivedGamesMark.Length)..],
                              NumberStyles.None, CultureInfo.InvariantCulture, out long first))
                return (path, first);
        }
        return null;
    }

    /// <summary>The .part files of received chunks in data/: chunks a stopped trainer had not finished storing (their
    /// messages come again, and are stored under new numbers).</summary>
    public IEnumerable<string> ReceivedChunkParts() =>
        Directory.Exists(DataFolder)
            ? Directory.EnumerateFiles(DataFolder, $"chunk-*{ReceivedGamesMark}*{TrainingChunk.Extension}{TrainingChunk.PartSuffix}")
            : [];

    public string GamesFolder => Path.Combine(Folder, "games");

    /// <summary>The record of game <paramref name="id"/>, unique within the run.</summary>
    public string GamePath(long id) => Path.Combine(GamesFolder, id.ToString("D8", CultureInfo.InvariantCulture) + GameExtension);

    public string GatingFolder => Path.Combine(Folder, "gating");

    /// <summary>The folder of candidate <paramref name="generation"/>'s gating match.</summary>
    public string GatingMatchFolder(int generation) => Path.Combine(GatingFolder, $"candidate-{generation:D4}");

    /// <summary>The folder of the anchor matches (issue 20), one folder each.</summary>
    public string AnchorFolder => Path.Combine(Folder, "anchor");

    /// <summary>The folder of the anchor match played after generation <paramref name="generation"/>, by the best
    /// network then.</summary>
    public string AnchorMatchFolder(int generation) => Path.Combine(AnchorFolder, $"after-generation-{generation:D4}");

    /// <summary>
    /// The finished games in the run: the records in games/, temporary files not counted. Cheap to call often: listing
    /// games/ costs 150–250 ms per 100,000 files on the project's 2-core machine, so the folder is listed again only
    /// when its last-write time, which every file renamed into it moves, has changed since the last listing — or when
    /// that listing came within <see cref="TimestampSlack"/> of the change, and then at most once per slack.
    /// </summary>
    public long CountGames()
    {
        lock (countLock)
        {
            DateTime now = DateTime.UtcNow;
            DateTime written = Directory.GetLastWriteTimeUtc(GamesFolder);
            if (lastCount is { } last && written == last.FolderWritten
                && (last.CountedAt - written > TimestampSlack || now - last.CountedAt < TimestampSlack))
                return last.Games;
            long games = Directory.Exists(GamesFolder) ? GameRecordPaths().LongCount() : 0;
            lastCount = (written, now, games);
            return games;
        }
    }

    /// <summary>The highest id of a game recorded in games/; −1 when there is none.</summary>
    public long HighestGameId() =>
        GameRecordPaths()
            .Select(p => long.TryParse(Path.GetFileNameWithoutExtension(p), out long id) ? id : -1)
            .DefaultIfEmpty(-1)
            .Max();

    private IEnumerable<string> GameRecordPaths() =>
        Directory.EnumerateFiles(GamesFolder, "*" + GameExtension)
            .Where(p => p.EndsWith(GameExtension, StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith('.'));
}
