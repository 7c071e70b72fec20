using System.Diagnostics;
using GoZero.Network.Import;
using GoZero.Network.Training;

namespace GoZero.Network.HeldOut;

/// <summary>
/// A network's figures on positions it was not trained on (AlphaGo's held-out test set of KGS positions, Silver et
/// al. 2016: move-prediction accuracy for the policy, mean squared error for the value): every position of every game
/// kept, or every sample of a folder of chunks, scored by <see cref="HeldOutEvaluator"/>. Games are read and judged
/// exactly as an import reads them (<see cref="TygemArchive"/>, <see cref="SgfFolder"/>,
/// <see cref="ExpertGameFilter"/>, <see cref="ExpertSamples"/>), so a folder held out of an import is tested on the
/// very positions it would have given, and the skipped games are counted by the same reasons. Deterministic: the same
/// inputs give the same figures.
/// </summary>
public static class HeldOutTest
{
    /// <summary>
    /// Runs the test. <paramref name="warn"/> hears of every record that cannot be read and every chunk refused;
    /// <paramref name="progress"/>, when given, of every batch scored. Cancelling stops after the current batch.
    /// Throws <see cref="DirectoryNotFoundException"/> or <see cref="FileNotFoundException"/> for missing inputs and
    /// <see cref="HeldOutSetException"/> for a folder with nothing to test on.
    /// </summary>
    public static HeldOutSummary Run(HeldOutOptions options, IInferenceModel network, Action<string> warn, Action<HeldOutProgress>? progress = null, CancellationToken cancel = default)
    {
        options = options.Validated();
        int size = network.Description.BoardSize;
        if (options.BoardSize != size)
            throw new ArgumentException($"the network is {size}×{size}: it cannot be tested on {options.BoardSize}×{options.BoardSize} games");
        var clock = Stopwatch.StartNew();
        var tally = new Tally(warn);
        var samples = options.Data is { } data ? Chunks(data, options, tally) : Games(options, tally);

        var evaluator = new HeldOutEvaluator(network, options.Batch, options.Average);
        var metrics = new HeldOutMetrics();
        var batch = new List<TrainingSample>(evaluator.PositionsPerBatch);
        bool stopped = false;
        void Score()
        {
            evaluator.Evaluate(batch, metrics);
            batch.Clear();
            progress?.Invoke(new HeldOutProgress(tally.BytesRead, tally.BytesTotal, tally.Games, options.Games, metrics.All.Positions));
        }
        foreach (var sample in samples)
        {
            batch.Add(sample);
            if (batch.Count < evaluator.PositionsPerBatch) continue;
            Score();
            if (cancel.IsCancellationRequested)
            {
                stopped = true;
                break;
            }
        }
        if (!stopped && batch.Count > 0) Score();
        if (!stopped && metrics.All.Positions == 0)
        {
            string skips = string.Join(", ", tally.Skipped.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Describe()} {kv.Value}"));
            throw new HeldOutSetException(options.Data ?? options.Sgf ?? options.Tygem!, options.Data is not null
                ? $"no readable {options.BoardSize}×{options.BoardSize} sample in its chunks"
                : $"none of its {tally.GamesRead} games was kept{(skips.Length > 0 ? $" ({skips})" : "")}");
        }
        return new HeldOutSummary(tally.GamesRead, tally.Games, tally.Skipped, tally.ChunksSkipped, metrics, clock.Elapsed, stopped, tally.Warnings);
    }

    /// <summary>The samples of the games kept, the Tygem games first. The sources are opened now, so that a missing
    /// or empty folder fails before anything runs.</summary>
    private static IEnumerable<TrainingSample> Games(HeldOutOptions options, Tally tally)
    {
        var tygem = options.Tygem is null ? null : TygemArchive.Open(options.Tygem, tally.Warn);
        var sgf = options.Sgf is null ? null : SgfFolder.Open(options.Sgf);
        if (sgf is { Files.Count: 0 }) throw new HeldOutSetException(sgf.Folder, "holds no *.sgf file (subfolders included)");
        tally.BytesTotal = (tygem?.TotalBytes() ?? 0) + (sgf?.TotalBytes() ?? 0);
        var records = (tygem?.Records() ?? []).Concat(sgf?.Records() ?? []);
        return Kept(records, options, tally);
    }

    private static IEnumerable<TrainingSample> Kept(IEnumerable<ExpertRecord> records, HeldOutOptions options, Tally tally)
    {
        foreach (var record in records)
        {
            if (tally.Games == options.Games) yield break;
            tally.GamesRead++;
            if (ExpertGameFilter.Judge(record, options.BoardSize, options.MinMoves, tally.Warn) is SkipReason reason)
            {
                tally.Skipped[reason]++;
                tally.BytesRead += record.Bytes;
                continue;
            }
            tally.Games++;
            long before = tally.BytesRead;
            var game = record.Game!;
            int move = 0;
            foreach (var sample in ExpertSamples.Of(game, record.Id))
            {
                tally.BytesRead = before + record.Bytes * ++move / game.Moves.Count;
                yield return sample;
            }
        }
    }

    /// <summary>The samples of a folder's chunks, oldest first; a chunk that cannot be read (another board size
    /// included) is skipped whole with a warning, as a training run skips it.</summary>
    private static IEnumerable<TrainingSample> Chunks(string folder, HeldOutOptions options, Tally tally)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        var paths = TrainingDataSet.ChunkPaths(folder);
        if (paths.Length == 0) throw new HeldOutSetException(folder, $"holds no training chunk (*{TrainingChunk.Extension})");
        tally.BytesTotal = paths.Sum(p => new FileInfo(p).Length);
        return Samples(paths, options, tally);
    }

    private static IEnumerable<TrainingSample> Samples(string[] paths, HeldOutOptions options, Tally tally)
    {
        var games = new HashSet<ulong>();
        foreach (string path in paths)
        {
            long bytes = new FileInfo(path).Length, before = tally.BytesRead;
            TrainingSample[] samples;
            try
            {
                // Read whole first, as a training run reads it: a chunk damaged half-way gives nothing.
                using var reader = TrainingChunkReader.Open(path, options.BoardSize);
                samples = reader.ReadSamples().ToArray();
            }
            catch (TrainingDataFormatException e)
            {
                tally.ChunksSkipped++;
                tally.Warn(e.Message);
                tally.BytesRead = before + bytes;
                continue;
            }
            for (int i = 0; i < samples.Length; i++)
            {
                if (!games.Contains(samples[i].GameId))
                {
                    if (games.Count == options.Games) yield break;
                    games.Add(samples[i].GameId);
                    tally.Games = tally.GamesRead = games.Count;
                }
                tally.BytesRead = before + bytes * (i + 1) / samples.Length;
                yield return samples[i];
            }
            tally.BytesRead = before + bytes;
        }
    }

    /// <summary>The counts the readers keep as they go.</summary>
    private sealed class Tally(Action<string> warn)
    {
        public long BytesRead, BytesTotal, GamesRead, Games, Warnings;
        public int ChunksSkipped;
        public readonly Dictionary<SkipReason, long> Skipped = Enum.GetValues<SkipReason>().ToDictionary(r => r, _ => 0L);

        public void Warn(string message)
        {
            Warnings++;
            warn(message);
        }
    }
}
