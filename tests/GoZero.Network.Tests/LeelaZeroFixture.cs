namespace GoZero.Network.Tests;

/// <summary>The Leela Zero fixtures of ../shared/fixtures/leelazero, copied into tests/fixtures/leelazero so that a
/// fresh clone tests without shared/ beside it.</summary>
public static class LeelaZeroFixture
{
    /// <summary>A seeded random 2-block, 16-filter 19×19 network in Leela Zero format 1, gzip.</summary>
    public static string RandomTwoBySixteen => PathOf("rand-2x16-s1.txt.gz");

    public static string PathOf(string name) => FixtureFolder.PathOf("leelazero", name);
}
