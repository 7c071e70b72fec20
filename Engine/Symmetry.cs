namespace GoZero.Engine;

/// <summary>
/// The 8 symmetries of the square, numbered as Leela Zero numbers them (Network.cpp): symmetry s maps (x, y) by first
/// swapping x and y if s &amp; 4, then mirroring x if s &amp; 2, then mirroring y if s &amp; 1. 0 is the identity.
/// Index maps are over dense indices y·N + x and are shared per (size, symmetry).
/// </summary>
public static class Symmetry
{
    public const int Count = 8;

    private static readonly int[]?[] DenseMaps = new int[]?[(BoardGeometry.MaxSize + 1) * Count];

    public static (int X, int Y) Transform(int x, int y, int symmetry, int size)
    {
        if ((symmetry & 4) != 0) (x, y) = (y, x);
        if ((symmetry & 2) != 0) x = size - 1 - x;
        if ((symmetry & 1) != 0) y = size - 1 - y;
        return (x, y);
    }

    /// <summary>The symmetry that undoes <paramref name="symmetry"/>. Mirrors are their own inverse; with the swap,
    /// the two mirrors trade places.</summary>
    public static int Inverse(int symmetry) =>
        (symmetry & 4) == 0 ? symmetry : 4 | ((symmetry & 2) >> 1) | ((symmetry & 1) << 1);

    /// <summary>T[idx] = the dense index that idx maps to under the symmetry. The network's input under symmetry s
    /// reads plane[idx] = board[T[idx]], and its policy maps back as policy[T[idx]] = output[idx].</summary>
    public static ReadOnlySpan<int> DenseMap(int size, int symmetry)
    {
        if ((uint)symmetry >= Count) throw new ArgumentOutOfRangeException(nameof(symmetry), symmetry, "symmetries are 0..7");
        BoardGeometry.Of(size);
        ref int[]? slot = ref DenseMaps[size * Count + symmetry];
        int[]? map = Volatile.Read(ref slot);
        if (map is null)
        {
            map = new int[size * size];
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    var (tx, ty) = Transform(x, y, symmetry, size);
                    map[y * size + x] = ty * size + tx;
                }
            Interlocked.CompareExchange(ref slot, map, null);
            map = slot!;
        }
        return map;
    }

    /// <summary>The move a move becomes under a symmetry (passes and resignations are unchanged).</summary>
    public static Move Apply(Move move, BoardGeometry geometry, int symmetry)
    {
        if (!move.IsPlay) return move;
        var (x, y) = Transform(geometry.ColumnOf(move.Point), geometry.RowOf(move.Point), symmetry, geometry.Size);
        return new Move(geometry.PointAt(x, y));
    }
}
