namespace GoZero.Network.Training;

/// <summary>
/// The samples a training run draws from: the most recent ones of a folder of chunks, oldest first (the AlphaGo Zero
/// paper trains on the positions of the last 500,000 games; the window here is counted in samples). Chunks are taken
/// in the ordinal order of their names, newest last, so self-play names them in the order it writes them (a
/// zero-padded counter or a sortable UTC time). A chunk that cannot be read is skipped whole and listed in
/// <see cref="Skipped"/>; *.part files and other names are not chunks and are ignored. The samples stay packed in
/// memory: a 19×19 one takes about 2.4 KB (813 bytes of planes, 1,448 of π, object and array headers), so a window
/// of a million samples about 2.4 GB.
/// </summary>
public sealed class TrainingDataSet
{
    private readonly TrainingSample[] samples;

    /// <summary>A data set of samples already in memory, oldest first.</summary>
    public TrainingDataSet(int boardSize, IEnumerable<TrainingSample> samples)
    {
        BoardSize = boardSize;
        this.samples = samples.ToArray();
        if (this.samples.FirstOrDefault(s => s.BoardSize != boardSize) is TrainingSample other)
            throw new ArgumentException($"a {other.BoardSize}×{other.BoardSize} sample in a {boardSize}×{boardSize} data set", nameof(samples));
        Chunks = [];
        Skipped = [];
    }

    private TrainingDataSet(int boardSize, TrainingSample[] samples, IReadOnlyList<string> chunks, IReadOnlyList<TrainingDataFormatException> skipped)
    {
        BoardSize = boardSize;
        this.samples = samples;
        Chunks = chunks;
        Skipped = skipped;
    }

    public int BoardSize { get; }

    public int Count => samples.Length;

    public TrainingSample this[int index] => samples[index];

    /// <summary>The chunks samples were taken from, oldest first (the oldest may have given only its last samples).</summary>
    public IReadOnlyList<string> Chunks { get; }

    /// <summary>The chunks that could not be read, each with the reason; newest first, as they were met. Chunks older
    /// than the window are never opened, so their damage is not listed.</summary>
    public IReadOnlyList<TrainingDataFormatException> Skipped { get; }

    /// <summary>The chunks of a folder, oldest first: the *.chunk files in the ordinal order of their names.</summary>
    public static string[] ChunkPaths(string directory) =>
        Directory.GetFiles(directory, "*" + TrainingChunk.Extension)
            .Where(p => p.EndsWith(TrainingChunk.Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Loads the last <paramref name="window"/> samples of the chunks in <paramref name="directory"/> of
    /// <paramref name="boardSize"/>, reading the newest chunk first and stopping once the window is full. A chunk of
    /// another board size counts as unreadable. A missing folder throws <see cref="DirectoryNotFoundException"/>.
    /// </summary>
    public static TrainingDataSet Load(string directory, int boardSize, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var paths = ChunkPaths(directory);
        var newestFirst = new List<TrainingSample[]>();
        var chunks = new List<string>();
        var skipped = new List<TrainingDataFormatException>();
        long taken = 0;
        for (int i = paths.Length - 1; i >= 0 && taken < window; i--)
        {
            try
            {
                using var reader = TrainingChunkReader.Open(paths[i], boardSize);
                long skip = Math.Max(0, reader.Count - (window - taken));
                // Read into an array first: a chunk that fails half-way gives nothing.
                var read = reader.ReadSamples(skip).ToArray();
                newestFirst.Add(read);
                chunks.Add(paths[i]);
                taken += read.Length;
            }
            catch (TrainingDataFormatException e)
            {
                skipped.Add(e);
            }
        }
        newestFirst.Reverse();
        chunks.Reverse();
        return new TrainingDataSet(boardSize, newestFirst.SelectMany(s => s).ToArray(), chunks, skipped);
    }
}
