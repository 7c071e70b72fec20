namespace GoZero.Engine;

/// <summary>
/// Zobrist keys: one random 64-bit key per (colour, padded point), one for White to move, one per board size so that
/// equal stone patterns on different sizes hash apart. Fixed-seed, so hashes are stable across runs and processes.
/// </summary>
public static class Zobrist
{
    private static readonly ulong[] StoneKeys = new ulong[2 * BoardGeometry.MaxPaddedArea];
    private static readonly ulong[] SizeKeys = new ulong[BoardGeometry.MaxSize + 1];

    public static ulong WhiteToMove { get; }

    static Zobrist()
    {
        ulong state = 0x5EED_C0DE_60_2E_0001UL;
        for (int i = 0; i < StoneKeys.Length; i++) StoneKeys[i] = SplitMix64(ref state);
        for (int i = 0; i < SizeKeys.Length; i++) SizeKeys[i] = SplitMix64(ref state);
        WhiteToMove = SplitMix64(ref state);
    }

    /// <summary>The key of a Black or White stone on a padded point.</summary>
    public static ulong Stone(Color color, int point) => StoneKeys[((int)color - 1) * BoardGeometry.MaxPaddedArea + point];

    /// <summary>The hash of the empty board of a size.</summary>
    public static ulong EmptyBoard(int size) => SizeKeys[size];

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
