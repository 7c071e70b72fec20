namespace GoZero.Network.Tests;

/// <summary>The folders of tests/fixtures, found from the test binaries by walking up to GoZero.sln.</summary>
public static class FixtureFolder
{
    /// <summary>The path of <paramref name="name"/> in tests/fixtures/<paramref name="folder"/>.</summary>
    public static string PathOf(string folder, string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GoZero.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"no GoZero.sln above {AppContext.BaseDirectory}");
        return Path.GetFullPath(Path.Combine(root.FullName, "tests", "fixtures", folder, name));
    }
}
