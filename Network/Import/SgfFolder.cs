using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>
/// A folder of SGF files, read recursively as users have them (GoGoD, KGS archives, the programs' games of the datasets
/// README once extracted with tar xJf): every *.sgf file (any case), one game each — the first game tree, along its
/// main line — in the ordinal order of the paths relative to the folder.
/// </summary>
public sealed class SgfFolder
{
    /// <summary>The rules where a file has no RU, or one the engine does not know (Japanese, Korean, AGA): a ko forbids
    /// only the immediate recapture, as on the servers these games come from, so that a long cycle the server allowed is
    /// not taken for an illegal move. Komi where a file has no KM: 7.5.</summary>
    public static readonly RulesOptions Rules = new(KoRule.Simple, SuicideRule.Forbidden, Komi: 7.5);

    private SgfFolder(string folder, IReadOnlyList<string> files)
    {
        Folder = folder;
        Files = files;
    }

    public string Folder { get; }

    /// <summary>The files, as paths relative to <see cref="Folder"/> with '/' between folders, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Lists the SGF files of <paramref name="folder"/> and its subfolders; throws
    /// <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    public static SgfFolder Open(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".sgf", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetRelativePath(folder, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new SgfFolder(folder, files);
    }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public long TotalBytes() => Files.Sum(f => new FileInfo(PathOf(f)).Length);

    public IEnumerable<ExpertRecord> Records()
    {
        foreach (string relative in Files) yield return Read(PathOf(relative), relative);
    }

    /// <summary>The file's game; its ID is <see cref="IdOf"/> its relative path.</summary>
    public static ExpertRecord Read(string path, string relative)
    {
        ulong id = IdOf(relative);
        long bytes = 0;
        try
        {
            bytes = new FileInfo(path).Length;
            return new ExpertRecord(path, id, bytes, SgfReader.Load(path, Rules));
        }
        catch (SgfFormatException e)
        {
            // The reader decodes UTF-8 or Latin-1; UTF-8 here gives the same offsets for every ASCII file, and for
            // others at worst calls an illegal move malformed: skipped either way.
            return ExpertRecord.Refused(path, id, bytes, e, File.ReadAllText(path), e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ExpertRecord.Malformed(path, id, bytes, $"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>A game id from the file's path relative to the folder: the first 8 bytes of its SHA-256 (UTF-8). The
    /// same file gets the same id however the folder grows; two of 7,000 files share one with a probability of about
    /// 10⁻¹².</summary>
    public static ulong IdOf(string relative) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(relative)));
}
