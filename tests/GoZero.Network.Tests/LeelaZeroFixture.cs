namespace GoZero.Network.Tests;

/// <summary>The Leela Zero fixtures of ../shared/fixtures/leelazero, copied into tests/fixtures/leelazero so that a
/// fresh clone tests without shared/ beside it.</summary>
public static class LeelaZeroFixture
{
    /// <summary>A seeded random 2-block, 16-filter 19×19 network in Leela Zero format 1, gzip.</summary>
    public static string RandomTwoBySixteen => PathOf("rand-2x16-s1.txt.gz");

    public static string PathOf(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GoZero.sln"))) folder = folder.Parent;
        if (folder is null) throw new InvalidOperationException($"no GoZero.sln above {AppContext.BaseDirectory}");
        return Path.GetFullPath(Path.Combine(folder.FullName, "tests", "fixtures", "leelazero", name));
    }
}
