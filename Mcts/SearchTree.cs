using System.Diagnostics;

namespace GoZero.Mcts;

/// <summary>
/// The search tree as structs in chunked arrays addressed by int index (Ceres' layout): node 0 is the root, a node's
/// children lie at consecutive indices. Chunks are allocated as the tree grows, up to <see cref="Budget"/> nodes, so
/// memory is bounded and measurable. Allocation is lock-free except when a new chunk is needed.
/// </summary>
public sealed class SearchTree
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly SearchNode[]?[] chunks;
    private readonly Lock growLock = new();
    private int count;

    public const int Root = 0;

    public SearchTree(int budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        Budget = budget;
        chunks = new SearchNode[]?[(budget + ChunkSize - 1) >> ChunkBits];
        int root = Allocate(1);
        Debug.Assert(root == Root);
        Node(Root).MovePoint = (short)Engine.Move.Pass.Point;
        Node(Root).PriorValue = 1f;
    }

    /// <summary>The most nodes the tree may hold.</summary>
    public int Budget { get; }

    /// <summary>Nodes in use.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>A node, read-only, by index.</summary>
    public ref readonly SearchNode this[int index] => ref Node(index);

    internal ref SearchNode Node(int index)
    {
        Debug.Assert((uint)index < (uint)Count);
        return ref chunks[index >> ChunkBits]![index & ChunkMask];
    }

    /// <summary>Reserves <paramref name="n"/> consecutive nodes (zeroed); -1 when that would pass the budget.</summary>
    internal int Allocate(int n)
    {
        int first;
        while (true)
        {
            first = Volatile.Read(ref count);
            if (n > Budget - first) return -1;
            if (Interlocked.CompareExchange(ref count, first + n, first) == first) break;
        }
        int lastChunk = (first + n - 1) >> ChunkBits;
        for (int c = first >> ChunkBits; c <= lastChunk; c++)
            if (Volatile.Read(ref chunks[c]) is null)
                lock (growLock) chunks[c] ??= new SearchNode[ChunkSize];
        return first;
    }

    /// <summary>
    /// A new tree whose root is a copy of node <paramref name="index"/> and its whole subtree, counts kept (tree reuse
    /// after a move). Copied breadth-first, so children stay consecutive. Only between searches.
    /// </summary>
    public SearchTree Subtree(int index)
    {
        var tree = new SearchTree(Budget);
        CopyNode(Node(index), ref tree.Node(Root));
        var queue = new Queue<(int From, int To)>();
        queue.Enqueue((index, Root));
        while (queue.Count > 0)
        {
            var (from, to) = queue.Dequeue();
            ref SearchNode source = ref Node(from);
            if (source.State != SearchNode.Expanded || source.ChildCountField == 0) continue;
            int first = tree.Allocate(source.ChildCountField);
            Debug.Assert(first >= 0, "a subtree is smaller than its tree");
            for (int c = 0; c < source.ChildCountField; c++)
            {
                CopyNode(Node(source.FirstChildIndex + c), ref tree.Node(first + c));
                queue.Enqueue((source.FirstChildIndex + c, first + c));
            }
            ref SearchNode target = ref tree.Node(to);
            target.FirstChildIndex = first;
            target.ChildCountField = source.ChildCountField;
            target.State = SearchNode.Expanded;
        }
        return tree;
    }

    private static void CopyNode(in SearchNode from, ref SearchNode to)
    {
        to.MovePoint = from.MovePoint;
        to.PriorValue = from.PriorValue;
        to.VisitCount = from.VisitCount;
        to.ValueSumField = from.ValueSumField;
        to.SquaredDeviationSumField = from.SquaredDeviationSumField;
        to.ScoreSumField = from.ScoreSumField;
        to.State = SearchNode.Unexpanded;
    }

    /// <summary>After a failed search, with no thread running: unclaims leaves and clears virtual loss.</summary>
    internal void ReleasePending()
    {
        for (int i = 0; i < Count; i++)
        {
            ref SearchNode node = ref Node(i);
            node.VirtualLossCount = 0;
            if (node.State == SearchNode.Expanding) node.State = SearchNode.Unexpanded;
        }
    }

    /// <summary>The child of <paramref name="parent"/> reached by <paramref name="move"/>, or -1.</summary>
    public int ChildByMove(int parent, Engine.Move move)
    {
        ref readonly SearchNode node = ref this[parent];
        if (node.State != SearchNode.Expanded) return -1;
        for (int c = 0; c < node.ChildCountField; c++)
            if (this[node.FirstChildIndex + c].MovePoint == move.Point) return node.FirstChildIndex + c;
        return -1;
    }
}
