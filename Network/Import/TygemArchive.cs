using System.Globalization;
using System.IO.Compression;
using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>
/// The Tygem 9-dan games as the datasets README describes them (shared/datasets/README.md): a folder of zips, each
/// entry a text file of one game per line, "ID&lt;TAB&gt;;B[pd];W[dp];…" (SGF move nodes without a header), and
/// index*.zip, one tab-separated line per game whose ninth field is the result ("B+Resign", "W+0.5", "B+Time",
/// "W+Offline"). Games are joined to their results by ID; a game the index does not list has no result.
/// </summary>
public sealed class TygemArchive
{
    /// <summary>Korean rules as Tygem plays them: a ko forbids only the immediate recapture (no superko), suicide is
    /// illegal; komi 6.5, which the README gives for every game of the set.</summary>
    public static readonly RulesOptions Rules = new(KoRule.Simple, SuicideRule.Forbidden, Komi: 6.5);

    /// <summary>The index's field of the result, counted from 0: ID, date and time, White's name, id and nation,
    /// Black's name, id and nation, result, moves, time control.</summary>
    public const int ResultField = 8;

    /// <summary>What a line's moves are wrapped in to make an SGF game; the board size is fixed by the set.</summary>
    private const string Header = "(;GM[1]SZ[19]";

    private readonly Dictionary<ulong, string> results;

    private TygemArchive(string folder, IReadOnlyList<string> gameFiles, IReadOnlyList<string> indexFiles, Dictionary<ulong, string> results)
    {
        Folder = folder;
        GameFiles = gameFiles;
        IndexFiles = indexFiles;
        this.results = results;
    }

    public string Folder { get; }

    /// <summary>The zips of games, in the ordinal order of their names: the order their games are read in.</summary>
    public IReadOnlyList<string> GameFiles { get; }

    /// <summary>The zips whose names start with "index".</summary>
    public IReadOnlyList<string> IndexFiles { get; }

    /// <summary>Games the index gives a result for.</summary>
    public int Results => results.Count;

    /// <summary>Reads the index of <paramref name="folder"/>; <paramref name="warn"/> hears of every index line that
    /// cannot be read (file, entry, line). Throws <see cref="FileNotFoundException"/> when the folder holds no index or
    /// no zip of games, <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    public static TygemArchive Open(string folder, Action<string> warn)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        var zips = Directory.GetFiles(folder, "*.zip").Where(p => p.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        bool IsIndex(string path) => Path.GetFileName(path).StartsWith("index", StringComparison.OrdinalIgnoreCase);
        var indexFiles = zips.Where(IsIndex).ToList();
        var gameFiles = zips.Where(p => !IsIndex(p)).ToList();
        if (indexFiles.Count == 0) throw new FileNotFoundException($"{folder} holds no index*.zip: the games' results are there");
        if (gameFiles.Count == 0) throw new FileNotFoundException($"{folder} holds no zip of games besides the index");
        var results = new Dictionary<ulong, string>();
        foreach (string file in indexFiles)
            foreach (var (location, line, _) in Lines(file))
            {
                if (ParseIndexLine(line) is not var (id, result))
                {
                    warn($"{location}: not an index line (ID, date, White, Black, result…: at least {ResultField + 1} tab-separated fields, a numeric ID)");
                    continue;
                }
                if (!results.TryAdd(id, result)) warn($"{location}: game {id} is listed again; the first result, {results[id]}, is kept");
            }
        return new TygemArchive(folder, gameFiles, indexFiles, results);
    }

    /// <summary>The ID and the result of an index line, or null when it is not one.</summary>
    public static (ulong Id, string Result)? ParseIndexLine(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length <= ResultField || !ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id)) return null;
        return (id, fields[ResultField].Trim());
    }

    /// <summary>Bytes of the games' text, uncompressed: what progress is measured in.</summary>
    public long TotalBytes()
    {
        long total = 0;
        foreach (string file in GameFiles)
        {
            using var zip = ZipFile.OpenRead(file);
            total += zip.Entries.Sum(e => e.Length);
        }
        return total;
    }

    /// <summary>Every line of every game zip, in order (zips by name, entries by name, lines as they come); blank
    /// lines are not games.</summary>
    public IEnumerable<ExpertRecord> Records()
    {
        foreach (string file in GameFiles)
            foreach (var (location, line, bytes) in Lines(file))
                if (line.Length > 0) yield return ReadLine(location, line, bytes, results);
    }

    /// <summary>
    /// One game line: its moves read by <see cref="SgfReader"/> under <see cref="Rules"/> on a 19×19 board, and its
    /// result from <paramref name="results"/>. A line without an ID, or whose moves are not SGF, is malformed; its
    /// problem names <paramref name="location"/> and the column of the line.
    /// </summary>
    public static ExpertRecord ReadLine(string location, string line, long bytes, IReadOnlyDictionary<ulong, string> results)
    {
        int tab = line.IndexOf('\t');
        if (tab < 0 || !ulong.TryParse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture, out ulong id))
            return ExpertRecord.Malformed(location, 0, bytes, $"{location}: not a game line (a numeric ID, a tab, the moves)");
        string text = Header + line[(tab + 1)..] + ")";
        try
        {
            var record = SgfReader.Read(text, Rules);
            return new ExpertRecord(location, id, bytes, record with
            {
                Result = results.TryGetValue(id, out string? result) ? GameResult.Parse(result) : null,
            });
        }
        catch (SgfFormatException e)
        {
            // Offsets in the wrapped text, past the header, are columns of the moves in the line.
            int column = Math.Clamp(e.Offset - Header.Length, 0, text.Length) + tab + 2;
            return ExpertRecord.Refused(location, id, bytes, e, text, $"{location}, column {column} (game {id}): {e.Reason}");
        }
    }

    private static IEnumerable<(string Location, string Line, long Bytes)> Lines(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(entry.Open());
            int number = 0;
            while (reader.ReadLine() is string line)
            {
                number++;
                yield return ($"{zipPath}:{entry.FullName} line {number}", line, line.Length + 1);
            }
        }
    }
}
