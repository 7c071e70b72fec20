using System.Diagnostics;
using GoZero.Network.Training;

namespace GoZero.Network.Import;

/// <summary>
/// Turns expert games into training chunks, the same chunks self-play writes (AlphaGo's supervised step: its policy
/// and value networks were first trained on expert games). The games come in a fixed order — the Tygem zips, then
/// the SGF files (<see cref="TygemArchive"/>, <see cref="SgfFolder"/>) — and every game is judged by
/// <see cref="ExpertGameFilter"/>; the n-th imported game goes to chunk ⌊n / games per chunk⌋ + 1
/// (chunk-NNNNNN.chunk). So the same inputs and settings always give the same chunks, and a run stopped or killed
/// half-way is continued by running it again: it reads and judges the games again but skips the samples of every
/// chunk already complete (chunks are completed atomically, <see cref="TrainingChunkWriter"/>). The settings are kept
/// in import.json (<see cref="ImportSettings"/>); a folder made with others is refused.
/// </summary>
public static class ExpertGameImport
{
    /// <summary>The name of chunk <paramref name="number"/> (from 1), as self-play names its chunks.</summary>
    public static string ChunkName(int number) => $"chunk-{number:D6}{TrainingChunk.Extension}";

    /// <summary>
    /// Runs the import. <paramref name="warn"/> hears of every record or index line that cannot be read (naming the
    /// file and line); <paramref name="progress"/>, when given, of every record read. Cancelling stops after the
    /// current game and drops the chunk in progress. Throws <see cref="DirectoryNotFoundException"/> or
    /// <see cref="FileNotFoundException"/> for missing inputs and <see cref="ImportFolderException"/> for an output
    /// folder it will not write into.
    /// </summary>
    public static ImportSummary Run(ImportOptions options, Action<string> warn, Action<ImportProgress>? progress = null, CancellationToken cancel = default)
    {
        options = options.Validated();
        var clock = Stopwatch.StartNew();
        long warnings = 0;
        void Warn(string message)
        {
            warnings++;
            warn(message);
        }
        var tygem = options.Tygem is null ? null : TygemArchive.Open(options.Tygem, Warn);
        var sgf = options.Sgf is null ? null : SgfFolder.Open(options.Sgf);
        PrepareFolder(options.Out, ImportSettings.Of(options, tygem, sgf));
        long bytesTotal = (tygem?.TotalBytes() ?? 0) + (sgf?.TotalBytes() ?? 0);
        var records = (tygem?.Records() ?? []).Concat(sgf?.Records() ?? []);

        var skipped = Enum.GetValues<SkipReason>().ToDictionary(r => r, _ => 0L);
        var komi = new SortedDictionary<double, long>();
        long gamesRead = 0, bytesRead = 0, imported = 0, samples = 0;
        int written = 0, kept = 0;
        var chunk = new ChunkInProgress(options.Out);
        bool stopped = false;
        try
        {
            foreach (var record in records)
            {
                if (cancel.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                gamesRead++;
                bytesRead += record.Bytes;
                if (ExpertGameFilter.Judge(record, options.BoardSize, options.MinMoves, Warn) is SkipReason reason)
                {
                    skipped[reason]++;
                }
                else
                {
                    var game = record.Game!;
                    chunk.Add(game, record.Id, (int)(imported / options.GamesPerChunk) + 1);
                    imported++;
                    komi[game.Komi] = komi.GetValueOrDefault(game.Komi) + 1;
                    if (imported % options.GamesPerChunk == 0 || imported == options.Games) Finish();
                }
                progress?.Invoke(new ImportProgress(bytesRead, bytesTotal, gamesRead, imported, samples + chunk.Samples));
                if (imported == options.Games) break;
            }
            if (!stopped) Finish();
        }
        finally
        {
            chunk.Dispose();
        }
        if (stopped) imported -= chunk.Games;

        void Finish()
        {
            if (chunk.Games == 0) return;
            if (chunk.Complete()) written++;
            else kept++;
            samples += chunk.Samples;
            chunk.Dispose();
            chunk = new ChunkInProgress(options.Out);
        }

        int chunks = written + kept;
        long bytes = Enumerable.Range(1, chunks).Sum(n => new FileInfo(Path.Combine(options.Out, ChunkName(n))).Length);
        return new ImportSummary(gamesRead, imported, samples, chunks, written, kept, skipped, komi, bytes, clock.Elapsed, stopped, warnings);
    }

    /// <summary>Makes the folder, or checks that it holds this import: its import.json gives the same settings, and
    /// without one it holds no chunks.</summary>
    private static void PrepareFolder(string folder, ImportSettings settings)
    {
        Directory.CreateDirectory(folder);
        ImportSettings? existing;
        try
        {
            existing = ImportSettings.Load(folder);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFolderException(folder, $"{e.Message}; import into another folder", e);
        }
        if (existing is null)
        {
            if (TrainingDataSet.ChunkPaths(folder).Length > 0)
                throw new ImportFolderException(folder, $"holds training chunks but no {ImportSettings.FileName}: they are not an import's; import into another folder");
            settings.Save(folder);
            return;
        }
        var differences = settings.DifferencesFrom(existing);
        if (differences.Count > 0)
            throw new ImportFolderException(folder, $"holds an import made with other settings ({string.Join("; ", differences)}): " +
                "run it with the settings of its import.json to continue it, or import into another folder");
    }

    /// <summary>The chunk the next imported games go to: written when it is not yet complete on disk, else only
    /// counted.</summary>
    private sealed class ChunkInProgress(string folder) : IDisposable
    {
        private TrainingChunkWriter? writer;
        private bool exists;

        public int Number { get; private set; }

        public int Games { get; private set; }

        public long Samples { get; private set; }

        public void Add(Engine.SgfGame game, ulong id, int number)
        {
            if (Games == 0)
            {
                Number = number;
                string path = Path.Combine(folder, ChunkName(number));
                exists = File.Exists(path);
                if (!exists) writer = new TrainingChunkWriter(path, game.Size);
            }
            Debug.Assert(number == Number, "a chunk's games are consecutive");
            Games++;
            if (writer is null)
            {
                Samples += game.Moves.Count;
                return;
            }
            foreach (var sample in ExpertSamples.Of(game, id))
            {
                writer.Append(sample);
                Samples++;
            }
        }

        /// <summary>Completes the chunk; false when it was complete already.</summary>
        public bool Complete()
        {
            if (writer is null) return false;
            writer.Complete();
            return true;
        }

        public void Dispose() => writer?.Dispose();
    }
}
