using System.IO.Compression;

namespace GoZero.Network.Tests.Import;

/// <summary>The expert games of tests/fixtures/expert (real Tygem lines and programs' SGF files; provenance in its
/// README), and folders of games the tests write.</summary>
public static class ExpertFixture
{
    /// <summary>The fixture's Tygem games, in order: B+Resign, W+Resign, B+0.5, W+Time, W+Offline.</summary>
    public static readonly ulong[] TygemIds = [407331387, 407332240, 407333205, 407337193, 407337840];

    public static string PathOf(string name) => FixtureFolder.PathOf("expert", name);

    /// <summary>The fixture's SGF files: a good game, a short one, a malformed one.</summary>
    public static string SgfFolder => PathOf("sgf");

    public static string[] TygemLines => File.ReadAllLines(PathOf("tygem/2011-01.txt"));

    public static string[] IndexLines => File.ReadAllLines(PathOf("tygem/Kifu2011.index"));

    /// <summary>A Tygem folder in <paramref name="folder"/>: 2011-01.zip holding <paramref name="games"/> (entry
    /// "2011-01") and index-2011.zip holding <paramref name="index"/> (entry "Kifu2011.index"), the fixture's lines
    /// when null.</summary>
    public static string WriteTygem(string folder, IEnumerable<string>? games = null, IEnumerable<string>? index = null)
    {
        Directory.CreateDirectory(folder);
        WriteZip(Path.Combine(folder, "2011-01.zip"), "2011-01", games ?? TygemLines, "\n");
        WriteZip(Path.Combine(folder, "index-2011.zip"), "Kifu2011.index", index ?? IndexLines, "\r\n");
        return folder;
    }

    private static void WriteZip(string path, string entryName, IEnumerable<string> lines, string lineEnd)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
        foreach (string line in lines) writer.Write(line + lineEnd);
    }

    /// <summary>The line of a fixture game.</summary>
    public static string TygemLine(ulong id) => TygemLines.Single(l => l.StartsWith($"{id}\t", StringComparison.Ordinal));
}
