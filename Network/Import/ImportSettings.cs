using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>
/// How an import folder was made, kept in its import.json: everything that decides which games go into which chunk
/// (the inputs, the filters, the chunk size, the policy target), so that a second run into the folder continues the
/// first one, and an import with other settings is refused rather than mixed in. The paths of the inputs are kept for
/// the reader; the inputs are compared by <see cref="InputFingerprint"/>, so that a moved data folder still resumes.
/// </summary>
/// <param name="Format">The importer's version of this file and of the samples it writes.</param>
/// <param name="Policy">"one-hot": π is 1 at the move played (<see cref="ExpertSamples"/>).</param>
/// <param name="InputFiles">Files read: the Tygem zips and index, then the SGF files.</param>
/// <param name="InputFingerprint">SHA-256 of every input file's name (relative to its folder) and length in bytes.</param>
public sealed record ImportSettings(
    int Format,
    int BoardSize,
    int MinMoves,
    int? Games,
    int GamesPerChunk,
    string Policy,
    int InputFiles,
    string InputFingerprint,
    string? Tygem,
    string? Sgf)
{
    public const int CurrentFormat = 1;
    public const string OneHot = "one-hot";

    /// <summary>The file in the import folder.</summary>
    public const string FileName = "import.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static ImportSettings Of(ImportOptions options, TygemArchive? tygem, SgfFolder? sgf)
    {
        var files = new List<(string Name, long Length)>();
        if (tygem is not null)
            foreach (string path in tygem.IndexFiles.Concat(tygem.GameFiles))
                files.Add(("tygem/" + Path.GetFileName(path), new FileInfo(path).Length));
        if (sgf is not null)
            foreach (string relative in sgf.Files)
                files.Add(("sgf/" + relative, new FileInfo(sgf.PathOf(relative)).Length));
        return new ImportSettings(CurrentFormat, options.BoardSize, options.MinMoves, options.Games, options.GamesPerChunk, OneHot,
            files.Count, Fingerprint(files),
            tygem is null ? null : Path.GetFullPath(tygem.Folder), sgf is null ? null : Path.GetFullPath(sgf.Folder));
    }

    /// <summary>SHA-256 of "NAME\tLENGTH\n" per file, in the order read.</summary>
    public static string Fingerprint(IEnumerable<(string Name, long Length)> files)
    {
        var text = new StringBuilder();
        foreach (var (name, length) in files) text.Append(name).Append('\t').Append(length).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>How <paramref name="other"/> (this folder's settings) differs from these, one phrase per setting; empty
    /// when an import with these settings continues that one.</summary>
    public List<string> DifferencesFrom(ImportSettings other)
    {
        var differences = new List<string>();
        void Compare<T>(string what, T here, T there)
        {
            if (!EqualityComparer<T>.Default.Equals(here, there)) differences.Add($"{what} {Show(there)} there, {Show(here)} here");
        }
        Compare("format", Format, other.Format);
        Compare("board", BoardSize, other.BoardSize);
        Compare("--min-moves", MinMoves, other.MinMoves);
        Compare("--games", Games, other.Games);
        Compare("--games-per-chunk", GamesPerChunk, other.GamesPerChunk);
        Compare("policy", Policy, other.Policy);
        if (InputFingerprint != other.InputFingerprint)
            differences.Add($"other inputs ({other.InputFiles} files from {other.Tygem ?? other.Sgf} there, {InputFiles} files from {Tygem ?? Sgf} here, or files of other lengths)");
        return differences;
    }

    private static string Show<T>(T value) => value?.ToString() ?? "all";

    /// <summary>The settings of <paramref name="folder"/>, or null when it has no import.json. Throws
    /// <see cref="InvalidDataException"/> naming the file when it cannot be read as settings.</summary>
    /// <summary>The most bytes an import.json may have: 1 MiB, far more than its settings take.</summary>
    public const int MaxFileBytes = 1 << 20;

    public static ImportSettings? Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ImportSettings>(InputFile.ReadAllBytes(path, MaxFileBytes, "the settings of an import"), Json)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not the settings of an import: {e.Message}", e);
        }
    }

    /// <summary>Writes import.json atomically (<see cref="AtomicFile"/>).</summary>
    public void Save(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), stream => JsonSerializer.Serialize(stream, this, Json));
}
