namespace GoZero.Engine;

/// <summary>
/// The layout of an N×N board inside a padded array with a one-point border of <see cref="Color.OffBoard"/> on every
/// side, so that neighbour lookups never need a bounds check (as Leela Zero's FastBoard lays it out).
/// Point (x, y) — x the column from the left (A = 0), y the row from the bottom (row 1 = 0) — is (y+1)·Stride + x+1.
/// The dense index y·N + x is the network's plane index (Leela Zero's idx). One shared instance per size.
/// </summary>
public sealed class BoardGeometry
{
    public const int MinSize = 2;
    public const int MaxSize = 25;

    /// <summary>The largest padded array any board needs (25×25 board → 27×27).</summary>
    public const int MaxPaddedArea = (MaxSize + 2) * (MaxSize + 2);

    private static readonly BoardGeometry?[] Cache = new BoardGeometry?[MaxSize + 1];

    public int Size { get; }
    public int Stride { get; }
    public int PaddedArea { get; }
    public int Area => Size * Size;

    /// <summary>Every on-board point, in dense-index order.</summary>
    public IReadOnlyList<int> Points => points;

    /// <summary>The four orthogonal offsets: down, left, right, up.</summary>
    public ReadOnlySpan<int> NeighbourOffsets => neighbourOffsets;

    /// <summary>The four diagonal offsets.</summary>
    public ReadOnlySpan<int> DiagonalOffsets => diagonalOffsets;

    private readonly int[] points;
    private readonly int[] denseIndexOfPoint;
    private readonly int[] neighbourOffsets;
    private readonly int[] diagonalOffsets;

    private BoardGeometry(int size)
    {
        Size = size;
        Stride = size + 2;
        PaddedArea = Stride * Stride;
        neighbourOffsets = [-Stride, -1, 1, Stride];
        diagonalOffsets = [-Stride - 1, -Stride + 1, Stride - 1, Stride + 1];
        points = new int[size * size];
        denseIndexOfPoint = new int[PaddedArea];
        Array.Fill(denseIndexOfPoint, -1);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int point = (y + 1) * Stride + x + 1;
                points[y * size + x] = point;
                denseIndexOfPoint[point] = y * size + x;
            }
    }

    /// <summary>The shared geometry of an N×N board; throws for sizes outside 2..25.</summary>
    public static BoardGeometry Of(int size)
    {
        if (size < MinSize || size > MaxSize)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"board size must be {MinSize} to {MaxSize}");
        return Volatile.Read(ref Cache[size]) ?? InitializeCache(size);
    }

    private static BoardGeometry InitializeCache(int size)
    {
        Interlocked.CompareExchange(ref Cache[size], new BoardGeometry(size), null);
        return Cache[size]!;
    }

    public int PointAt(int x, int y)
    {
        if ((uint)x >= (uint)Size || (uint)y >= (uint)Size)
            throw new ArgumentOutOfRangeException($"({x}, {y}) is off a {Size}×{Size} board");
        return (y + 1) * Stride + x + 1;
    }

    public bool IsOnBoard(int point) => (uint)point < (uint)PaddedArea && denseIndexOfPoint[point] >= 0;

    public int ColumnOf(int point) => point % Stride - 1;

    public int RowOf(int point) => point / Stride - 1;

    /// <summary>y·N + x, or -1 for a point off the board.</summary>
    public int DenseIndexOf(int point) => denseIndexOfPoint[point];

    public int PointOfDenseIndex(int index) => points[index];

    /// <summary>The dense index of a move as the network's policy numbers it: N² for a pass.</summary>
    public int PolicyIndexOf(Move move) => move.IsPass ? Area : denseIndexOfPoint[move.Point];

    public Move MoveOfPolicyIndex(int index) => index == Area ? Move.Pass : new Move(points[index]);
}
