using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>
/// The rules written the slow, obvious way — a grid, flood fills, whole-board comparisons — as an oracle for the
/// incremental engine in randomized tests.
/// </summary>
public sealed class ReferenceBoard
{
    public int Size { get; }
    public Color[] Grid { get; }

    public ReferenceBoard(int size) : this(size, new Color[size * size]) { }

    private ReferenceBoard(int size, Color[] grid)
    {
        Size = size;
        Grid = grid;
    }

    public static ReferenceBoard From(Position position)
    {
        var board = new ReferenceBoard(position.Size);
        for (int y = 0; y < position.Size; y++)
            for (int x = 0; x < position.Size; x++)
                board.Grid[y * position.Size + x] = position.At(x, y);
        return board;
    }

    public string Key => string.Concat(Grid.Select(c => (char)('0' + (int)c)));

    /// <summary>The board after <paramref name="player"/> plays (x, y), with the number of opponent stones captured
    /// and own stones lost to suicide; null if the point is occupied or the move is suicide that the rules forbid
    /// (a one-stone suicide is always refused).</summary>
    public (ReferenceBoard Board, int Captured, int Lost)? Play(int x, int y, Color player, SuicideRule suicide)
    {
        int index = y * Size + x;
        if (Grid[index] != Color.Empty) return null;
        var grid = (Color[])Grid.Clone();
        grid[index] = player;
        int captured = 0;
        foreach (int neighbour in Neighbours(index))
            if (grid[neighbour] == player.Opponent() && Liberties(grid, neighbour) == 0)
                captured += RemoveChain(grid, neighbour);
        int lost = 0;
        if (Liberties(grid, index) == 0)
        {
            if (suicide == SuicideRule.Forbidden || Chain(grid, index).Count == 1) return null;
            lost = RemoveChain(grid, index);
        }
        return (new ReferenceBoard(Size, grid), captured, lost);
    }

    public IEnumerable<int> Neighbours(int index)
    {
        int x = index % Size, y = index / Size;
        if (x > 0) yield return index - 1;
        if (x < Size - 1) yield return index + 1;
        if (y > 0) yield return index - Size;
        if (y < Size - 1) yield return index + Size;
    }

    public HashSet<int> Chain(int index) => Chain(Grid, index);

    public int Liberties(int index) => Liberties(Grid, index);

    private HashSet<int> Chain(Color[] grid, int index)
    {
        var chain = new HashSet<int> { index };
        var frontier = new Stack<int>();
        frontier.Push(index);
        while (frontier.Count > 0)
            foreach (int neighbour in Neighbours(frontier.Pop()))
                if (grid[neighbour] == grid[index] && chain.Add(neighbour)) frontier.Push(neighbour);
        return chain;
    }

    private int Liberties(Color[] grid, int index) =>
        Chain(grid, index).SelectMany(Neighbours).Where(n => grid[n] == Color.Empty).Distinct().Count();

    private int RemoveChain(Color[] grid, int index)
    {
        var chain = Chain(grid, index);
        foreach (int stone in chain) grid[stone] = Color.Empty;
        return chain.Count;
    }
}
