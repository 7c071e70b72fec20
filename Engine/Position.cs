using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GoZero.Engine;

/// <summary>
/// The stones on the board and everything needed to play the next move: chains (groups) with exact liberty counts
/// kept up to date move by move, the simple-ko point, prisoners, consecutive passes and a Zobrist hash.
/// Knows nothing of history: superko and undo live in <see cref="Game"/>. A search copies positions with
/// <see cref="CopyFrom"/> (copy-make): no move ever allocates.
/// </summary>
/// <remarks>
/// Layout after Leela Zero's FastBoard: a padded board, chains as circular linked lists of stones named by a root
/// point, liberties and sizes stored at the root, and per point a packed count of black, white and empty neighbours
/// in which the border counts as both colours (so "all neighbours are mine" is one comparison).
/// Each chain also keeps its liberties as a bit set over the padded board, so that joining two chains is a few word
/// ORs and a population count rather than a walk over the smaller chain's neighbours.
/// </remarks>
public sealed unsafe class Position
{
    private const int BlackShift = 0;
    private const int WhiteShift = 4;
    private const int EmptyShift = 8;
    private const int CountMask = 0xF;

    // All per-point arrays live in one pinned block, addressed by raw pointers: play runs without bounds checks
    // (every index is a padded point, and the border keeps neighbours in range) and CopyFrom is one memory copy.
    private readonly byte[] block;
    private readonly int* chainRoot;
    private readonly int* nextInChain;
    private readonly int* liberties;
    private readonly int* chainSize;
    private readonly int* emptyIndex;
    private readonly int* emptyPoints;
    private readonly ushort* neighbourCounts;
    private readonly Color* stones;
    private readonly int* neighbourOffsets;
    private readonly int* diagonalOffsets;
    private readonly ulong* libertySets;
    private readonly int setWords;
    private readonly int stride;
    private readonly int paddedArea;
    private int emptyCount;
    private int blackCaptures;
    private int whiteCaptures;

    public BoardGeometry Geometry { get; }
    public int Size => Geometry.Size;
    public Color ToMove { get; private set; }

    /// <summary>The point the player to move may not play because it retakes a ko at once, or -1.</summary>
    public int KoPoint { get; private set; }

    public int ConsecutivePasses { get; private set; }
    public Move LastMove { get; private set; }

    /// <summary>Hash of the stones alone (and the board size): the key of positional superko.</summary>
    public ulong StoneHash { get; private set; }

    /// <summary>Hash of the stones and the player to move: the key of situational superko and of evaluation caches.</summary>
    public ulong Hash => StoneHash ^ (ToMove == Color.White ? Zobrist.WhiteToMove : 0UL);

    public Position(int size) : this(BoardGeometry.Of(size)) { }

    public Position(BoardGeometry geometry)
    {
        Geometry = geometry;
        stride = geometry.Stride;
        int n = paddedArea = geometry.PaddedArea;
        setWords = (n + 63) / 64;
        block = GC.AllocateArray<byte>(n * setWords * sizeof(ulong) + (8 + 5 * n + geometry.Area) * sizeof(int) + n * sizeof(ushort) + n, pinned: true);
        byte* at = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(block));
        libertySets = (ulong*)at; at += n * setWords * sizeof(ulong);
        neighbourOffsets = (int*)at; at += 4 * sizeof(int);
        diagonalOffsets = (int*)at; at += 4 * sizeof(int);
        for (int k = 0; k < 4; k++)
        {
            neighbourOffsets[k] = geometry.NeighbourOffsets[k];
            diagonalOffsets[k] = geometry.DiagonalOffsets[k];
        }
        chainRoot = (int*)at; at += n * sizeof(int);
        nextInChain = (int*)at; at += n * sizeof(int);
        liberties = (int*)at; at += n * sizeof(int);
        chainSize = (int*)at; at += n * sizeof(int);
        emptyIndex = (int*)at; at += n * sizeof(int);
        emptyPoints = (int*)at; at += geometry.Area * sizeof(int);
        neighbourCounts = (ushort*)at; at += n * sizeof(ushort);
        stones = (Color*)at;
        Clear();
    }

    /// <summary>Empties the board: Black to move, no ko, no prisoners.</summary>
    public void Clear()
    {
        new Span<Color>(stones, paddedArea).Fill(Color.OffBoard);
        new Span<int>(emptyIndex, paddedArea).Fill(-1);
        emptyCount = 0;
        foreach (int point in Geometry.Points)
        {
            stones[point] = Color.Empty;
            emptyIndex[point] = emptyCount;
            emptyPoints[emptyCount++] = point;
        }
        for (int point = 0; point < paddedArea; point++)
        {
            chainRoot[point] = point;
            nextInChain[point] = point;
            liberties[point] = 0;
            chainSize[point] = 0;
            neighbourCounts[point] = stones[point] == Color.OffBoard ? (ushort)0 : CountNeighbours(point);
        }
        ToMove = Color.Black;
        KoPoint = -1;
        ConsecutivePasses = 0;
        LastMove = Move.Pass;
        blackCaptures = whiteCaptures = 0;
        StoneHash = Zobrist.EmptyBoard(Size);
    }

    /// <summary>Makes this position an exact copy of another of the same size, without allocating.</summary>
    public void CopyFrom(Position other)
    {
        if (other.Geometry != Geometry) throw new ArgumentException("positions must have the same board size", nameof(other));
        other.block.AsSpan().CopyTo(block);
        emptyCount = other.emptyCount;
        blackCaptures = other.blackCaptures;
        whiteCaptures = other.whiteCaptures;
        ToMove = other.ToMove;
        KoPoint = other.KoPoint;
        ConsecutivePasses = other.ConsecutivePasses;
        LastMove = other.LastMove;
        StoneHash = other.StoneHash;
    }

    public Position Clone()
    {
        var copy = new Position(Geometry);
        copy.CopyFrom(this);
        return copy;
    }

    public Color this[int point] => stones[Checked(point)];

    /// <summary>Public entry points check their point once (one predictable comparison): the arrays behind them are
    /// raw memory, where a bad index would not throw but corrupt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Checked(int point)
    {
        if ((uint)point >= (uint)paddedArea) ThrowNotAPoint(point);
        return point;
    }

    [DoesNotReturn]
    private static void ThrowNotAPoint(int point) =>
        throw new ArgumentOutOfRangeException(nameof(point), point, "not a point of the padded board");

    public Color At(int x, int y) => stones[Geometry.PointAt(x, y)];

    /// <summary>Stones of the opponent that <paramref name="player"/> has captured (including the opponent's suicides).</summary>
    public int Captures(Color player) => player == Color.Black ? blackCaptures : whiteCaptures;

    public int StoneCount(Color color)
    {
        int count = 0;
        foreach (int point in Geometry.Points) if (stones[point] == color) count++;
        return count;
    }

    /// <summary>The empty points of the board, in no particular order.</summary>
    public ReadOnlySpan<int> EmptyPoints => new(emptyPoints, emptyCount);

    /// <summary>The liberties of the chain through a stone (0 for an empty point).</summary>
    public int LibertiesOf(int point) => stones[Checked(point)] is Color.Black or Color.White ? liberties[chainRoot[point]] : 0;

    /// <summary>The only liberty of the chain through <paramref name="point"/> when that chain is in atari; -1 when the
    /// point holds no stone or its chain has more liberties.</summary>
    public int AtariLibertyOf(int point)
    {
        if (LibertiesOf(point) != 1) return -1;
        ulong* set = libertySets + chainRoot[point] * setWords;
        for (int w = 0; w < setWords; w++)
            if (set[w] != 0) return w * 64 + BitOperations.TrailingZeroCount(set[w]);
        return -1;
    }

    public int ChainSizeOf(int point) => stones[Checked(point)] is Color.Black or Color.White ? chainSize[chainRoot[point]] : 0;

    /// <summary>A point that names the chain through a stone: equal for all stones of one chain.</summary>
    public int ChainIdOf(int point) => chainRoot[Checked(point)];

    /// <summary>The stones of the chain through <paramref name="point"/> (none for an empty point).</summary>
    public int[] ChainStones(int point)
    {
        if (this[point] is not (Color.Black or Color.White)) return [];
        var chain = new int[chainSize[chainRoot[point]]];
        int stone = point;
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = stone;
            stone = nextInChain[stone];
        }
        return chain;
    }

    public int EmptyNeighbourCount(int point) => (neighbourCounts[Checked(point)] >> EmptyShift) & CountMask;

    /// <summary>Neighbours that are <paramref name="color"/>'s stones or the edge of the board.</summary>
    public int NeighbourCountOrEdge(int point, Color color) =>
        (neighbourCounts[Checked(point)] >> (color == Color.Black ? BlackShift : WhiteShift)) & CountMask;

    /// <summary>
    /// An empty point whose four neighbours are <paramref name="player"/>'s stones or the edge, and that is not a
    /// false eye: at most one diagonal held by the opponent, none on the edge. Random playouts never fill such a point.
    /// </summary>
    public bool IsEyeOf(int point, Color player)
    {
        if (stones[Checked(point)] != Color.Empty || NeighbourCountOrEdge(point, player) != 4) return false;
        Color opponent = player.Opponent();
        int opponentDiagonals = 0, offBoardDiagonals = 0;
        for (int k = 0; k < 4; k++)
        {
            Color c = stones[point + diagonalOffsets[k]];
            if (c == opponent) opponentDiagonals++;
            else if (c == Color.OffBoard) offBoardDiagonals++;
        }
        return opponentDiagonals + (offBoardDiagonals > 0 ? 1 : 0) < 2;
    }

    /// <summary>
    /// Whether a random playout may play here: not the ko point, not suicide, and not the player's own eye
    /// (<see cref="IsEyeOf"/>). One read of the neighbour counts settles most points.
    /// </summary>
    public bool IsPlayoutMove(int point, Color player)
    {
        if (point == KoPoint) return false;
        int counts = neighbourCounts[Checked(point)];
        if (((counts >> (player == Color.Black ? BlackShift : WhiteShift)) & CountMask) == 4) return !IsEyeOf(point, player) && !IsSuicide(point, player);
        return ((counts >> EmptyShift) & CountMask) > 0 || !IsSuicide(point, player);
    }

    /// <summary>Counts pack b+E, w+E and e (E: edges); with b+w+e+E = 4, no stone is adjacent exactly when
    /// (b+E)+(w+E) = 2(4-e).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasNoStoneNeighbours(int counts) =>
        ((counts >> BlackShift) & CountMask) + ((counts >> WhiteShift) & CountMask) == 2 * (4 - ((counts >> EmptyShift) & CountMask));

    /// <summary>Whether a stone of <paramref name="player"/> on the empty point would capture nothing and have no
    /// liberty.</summary>
    public bool IsSuicide(int point, Color player)
    {
        if (EmptyNeighbourCount(point) > 0) return false;
        Color opponent = player.Opponent();
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            int neighbour = point + offset;
            Color c = stones[neighbour];
            if (c == player) { if (liberties[chainRoot[neighbour]] > 1) return false; }
            else if (c == opponent && liberties[chainRoot[neighbour]] == 1) return false;
        }
        return true;
    }

    /// <summary>Whether the move would capture at least one opponent stone.</summary>
    public bool WouldCapture(int point, Color player)
    {
        Checked(point);
        Color opponent = player.Opponent();
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            int neighbour = point + offset;
            if (stones[neighbour] == opponent && liberties[chainRoot[neighbour]] == 1) return true;
        }
        return false;
    }

    /// <summary>Legality under the board alone: off board, occupied, simple ko, suicide. Superko needs the game's
    /// history and is checked by <see cref="Game"/>.</summary>
    public MoveLegality CheckLegality(Move move, Color player, SuicideRule suicide)
    {
        if (!move.IsPlay) return MoveLegality.Legal;
        int point = move.Point;
        if (!Geometry.IsOnBoard(point)) return MoveLegality.OffBoard;
        if (stones[point] != Color.Empty) return MoveLegality.Occupied;
        if (point == KoPoint && player == ToMove) return MoveLegality.Ko;
        if (IsSuicide(point, player) && (suicide == SuicideRule.Forbidden || NeighbourCountOrEdge(point, player) - EdgeCount(point) == 0))
            return MoveLegality.Suicide;
        return MoveLegality.Legal;
    }

    private int EdgeCount(int point)
    {
        int edges = 0;
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            if (stones[point + offset] == Color.OffBoard) edges++;
        }
        return edges;
    }

    /// <summary>The <see cref="StoneHash"/> the board would have after the move (which must pass
    /// <see cref="CheckLegality"/>): what superko compares with the history.</summary>
    public ulong StoneHashAfter(Move move, Color player)
    {
        if (!move.IsPlay) return StoneHash;
        int point = Checked(move.Point);
        ulong hash = StoneHash ^ Zobrist.Stone(player, point);
        Color opponent = player.Opponent();
        bool captures = false;
        int seen0 = -1, seen1 = -1, seen2 = -1;
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            int neighbour = point + offset;
            if (stones[neighbour] != opponent) continue;
            int root = chainRoot[neighbour];
            if (liberties[root] != 1 || root == seen0 || root == seen1 || root == seen2) continue;
            (seen2, seen1, seen0) = (seen1, seen0, root);
            captures = true;
            hash ^= ChainHash(root, opponent);
        }
        if (captures || !IsSuicide(point, player)) return hash;
        // A suicide removes the new stone with every friendly chain it joins.
        hash ^= Zobrist.Stone(player, point);
        seen0 = seen1 = seen2 = -1;
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            int neighbour = point + offset;
            if (stones[neighbour] != player) continue;
            int root = chainRoot[neighbour];
            if (root == seen0 || root == seen1 || root == seen2) continue;
            (seen2, seen1, seen0) = (seen1, seen0, root);
            hash ^= ChainHash(root, player);
        }
        return hash;
    }

    private ulong ChainHash(int root, Color color)
    {
        ulong hash = 0;
        int stone = root;
        do
        {
            hash ^= Zobrist.Stone(color, stone);
            stone = nextInChain[stone];
        } while (stone != root);
        return hash;
    }

    /// <summary>
    /// Plays a move for <paramref name="player"/> (who need not be <see cref="ToMove"/>). The move must be legal under
    /// <see cref="CheckLegality"/>; a suicide (legal only when allowed) removes the suicidal chain.
    /// Afterwards the opponent is to move.
    /// </summary>
    public void Play(Move move, Color player)
    {
        Debug.Assert(player is Color.Black or Color.White);
        if (move.IsPlay && stones[Checked(move.Point)] != Color.Empty)
            throw new InvalidOperationException($"point {move.Point} is not empty");
        Color opponent = player.Opponent();
        LastMove = move;
        ToMove = opponent;
        if (!move.IsPlay)
        {
            ConsecutivePasses++;
            KoPoint = -1;
            return;
        }
        ConsecutivePasses = 0;
        int point = move.Point;

        int counts = neighbourCounts[point];
        AddStone(point, player);
        chainRoot[point] = point;
        nextInChain[point] = point;
        chainSize[point] = 1;
        liberties[point] = (counts >> EmptyShift) & CountMask;
        ulong* set = libertySets + point * setWords;
        for (int w = 0; w < setWords; w++) set[w] = 0;
        int* offsets = neighbourOffsets;
        for (int k = 0; k < 4; k++)
        {
            int neighbour = point + offsets[k];
            ulong isEmpty = stones[neighbour] == Color.Empty ? 1UL : 0UL;
            set[neighbour >> 6] |= isEmpty << (neighbour & 63);
        }
        if (HasNoStoneNeighbours(counts))
        {
            // A stone that touches no other stone (common early in a game): nothing more to update.
            KoPoint = -1;
            return;
        }
        UpdateChainsAround(point, player);
    }

    /// <summary>The rest of a move whose stone touches other stones: liberties taken, captures, merges, suicide, ko.
    /// Out of line so that the common path of <see cref="Play(Move, Color)"/> stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UpdateChainsAround(int point, Color player)
    {
        Color opponent = player.Opponent();

        // The new stone takes one liberty from each distinct neighbouring chain, of either colour. Pointer fields
        // are read into locals once: the JIT cannot prove the stores below leave them unchanged.
        Color* board = stones;
        int* roots = chainRoot;
        int* libs = liberties;
        int* offsets = neighbourOffsets;
        int word = point >> 6, shift = point & 63;
        int captured = 0, capturedPoint = -1, friendlyDirections = 0;
        for (int k = 0; k < 4; k++)
        {
            // The point leaves each neighbouring chain's liberty set once: a chain met again has lost it already.
            // Written without branches, since in random play the colours around a point are a coin toss: an empty or
            // off-board neighbour is its own root, and its (unused) set is read but left as it is.
            int neighbour = point + offsets[k];
            int c = (int)board[neighbour];
            int root = roots[neighbour];
            ulong* set = libertySets + root * setWords;
            int isStone = (uint)(c - 1) < 2u ? 1 : 0;
            int first = (int)(set[word] >> shift) & isStone;
            set[word] &= ~((ulong)first << shift);
            int left = libs[root] -= first;
            friendlyDirections |= (first & (c == (int)player ? 1 : 0)) << k;
            if ((left | (first ^ 1) | (c ^ (int)opponent)) == 0)
            {
                captured += chainSize[root];
                capturedPoint = root;
                RemoveChain(root, opponent);
            }
        }

        // Join the distinct friendly chains found above (captures never touch them).
        while (friendlyDirections != 0)
        {
            int k = BitOperations.TrailingZeroCount(friendlyDirections);
            friendlyDirections &= friendlyDirections - 1;
            int root = roots[point + offsets[k]];
            int mine = roots[point];
            if (root != mine) MergeChains(mine, root);
        }

        int ownRoot = chainRoot[point];
        if (liberties[ownRoot] == 0)
        {
            int lost = chainSize[ownRoot];
            RemoveChain(ownRoot, player);
            if (opponent == Color.Black) blackCaptures += lost; else whiteCaptures += lost;
            KoPoint = -1;
        }
        else
        {
            if (player == Color.Black) blackCaptures += captured; else whiteCaptures += captured;
            // Simple ko: one stone was taken by a lone stone that now has that point as its only liberty.
            KoPoint = captured == 1 && chainSize[ownRoot] == 1 && liberties[ownRoot] == 1 ? capturedPoint : -1;
        }
    }

    /// <summary>Plays for the player to move.</summary>
    public void Play(Move move) => Play(move, ToMove);

    /// <summary>
    /// Sets up the board outside play (handicap, SGF AB/AW/AE): puts <paramref name="color"/> (or empties the point)
    /// and rebuilds chains and liberties. Nothing is captured, ko is cleared, the player to move is unchanged.
    /// </summary>
    public void SetStone(int point, Color color)
    {
        if (!Geometry.IsOnBoard(point)) throw new ArgumentOutOfRangeException(nameof(point), point, "off the board");
        if (color == Color.OffBoard) throw new ArgumentException("cannot put the border on the board", nameof(color));
        if (stones[point] == color) return;
        if (stones[point] != Color.Empty) RemoveStoneForSetup(point);
        if (color != Color.Empty) AddStone(point, color);
        RebuildChains();
        KoPoint = -1;
    }

    /// <summary>Sets the player to move (SGF PL, GTP play out of turn, handicap).</summary>
    public void SetToMove(Color player)
    {
        if (player is not (Color.Black or Color.White)) throw new ArgumentException("only Black or White can move", nameof(player));
        if (player != ToMove) KoPoint = -1;
        ToMove = player;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountUnit(Color color) => color switch
    {
        Color.Black => 1 << BlackShift,
        Color.White => 1 << WhiteShift,
        _ => 1 << EmptyShift,
    };

    private ushort CountNeighbours(int point)
    {
        int counts = 0;
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            Color c = stones[point + offset];
            counts += c == Color.OffBoard ? (1 << BlackShift) + (1 << WhiteShift) : CountUnit(c);
        }
        return (ushort)counts;
    }

    private void AddStone(int point, Color color)
    {
        stones[point] = color;
        StoneHash ^= Zobrist.Stone(color, point);
        int change = CountUnit(color) - (1 << EmptyShift);
        ushort* counts = neighbourCounts;
        int* offsets = neighbourOffsets;
        for (int k = 0; k < 4; k++) counts[point + offsets[k]] = (ushort)(counts[point + offsets[k]] + change);
        int* indexOf = emptyIndex;
        int index = indexOf[point];
        int last = emptyPoints[--emptyCount];
        emptyPoints[index] = last;
        indexOf[last] = index;
        indexOf[point] = -1;
    }

    private void RemoveStoneForSetup(int point)
    {
        Color color = stones[point];
        stones[point] = Color.Empty;
        StoneHash ^= Zobrist.Stone(color, point);
        int change = (1 << EmptyShift) - CountUnit(color);
        for (int k = 0; k < 4; k++)
        {
            int offset = neighbourOffsets[k];
            neighbourCounts[point + offset] = (ushort)(neighbourCounts[point + offset] + change);
        }
        emptyIndex[point] = emptyCount;
        emptyPoints[emptyCount++] = point;
    }

    /// <summary>Removes a captured (or suicidal) chain; each distinct chain next to each removed stone gains that
    /// point as a liberty.</summary>
    private void RemoveChain(int root, Color color)
    {
        int change = (1 << EmptyShift) - CountUnit(color);
        Color* board = stones;
        int* roots = chainRoot;
        int* next = nextInChain;
        ushort* counts = neighbourCounts;
        int* offsets = neighbourOffsets;
        ulong hash = StoneHash;
        int stone = root;
        do
        {
            int following = next[stone];
            board[stone] = Color.Empty;
            hash ^= Zobrist.Stone(color, stone);
            emptyIndex[stone] = emptyCount;
            emptyPoints[emptyCount++] = stone;
            // The freed point joins each neighbouring chain's liberty set once: a chain met again has it already.
            // Branch-free like Play: empty and off-board neighbours, and stones of this chain, add nothing.
            int word = stone >> 6, shift = stone & 63;
            for (int k = 0; k < 4; k++)
            {
                int neighbour = stone + offsets[k];
                counts[neighbour] = (ushort)(counts[neighbour] + change);
                int c = (int)board[neighbour];
                int r = roots[neighbour];
                ulong* set = libertySets + r * setWords;
                int isOtherChain = ((uint)(c - 1) < 2u ? 1 : 0) & (r != root ? 1 : 0);
                int gained = (int)(~set[word] >> shift) & 1 & isOtherChain;
                set[word] |= (ulong)gained << shift;
                liberties[r] += gained;
            }
            roots[stone] = stone;
            next[stone] = stone;
            stone = following;
        } while (stone != root);
        StoneHash = hash;
    }

    /// <summary>Joins two chains of one colour into the larger: the smaller's stones take the larger's root, and the
    /// merged liberties are the union of the two sets.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps Play's registers free for the common path
    private void MergeChains(int a, int b)
    {
        if (chainSize[a] < chainSize[b]) (a, b) = (b, a);
        int* roots = chainRoot;
        int* next = nextInChain;
        int stone = b;
        do
        {
            roots[stone] = a;
            stone = next[stone];
        } while (stone != b);
        chainSize[a] += chainSize[b];
        (next[a], next[b]) = (next[b], next[a]);
        ulong* into = libertySets + a * setWords;
        ulong* from = libertySets + b * setWords;
        int count = 0;
        for (int w = 0; w < setWords; w++)
        {
            ulong union = into[w] | from[w];
            into[w] = union;
            count += BitOperations.PopCount(union);
        }
        liberties[a] = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToSet(ulong* set, int point) => set[point >> 6] |= 1UL << (point & 63);

    /// <summary>Recomputes every chain and liberty count from the stones (setup only; play is incremental).</summary>
    private void RebuildChains()
    {
        Span<int> stack = stackalloc int[Geometry.Area];
        Span<int> libertyMark = stackalloc int[Geometry.PaddedArea];
        libertyMark.Fill(-1);
        foreach (int point in Geometry.Points) chainRoot[point] = -1;
        foreach (int root in Geometry.Points)
        {
            Color color = stones[root];
            if (color == Color.Empty)
            {
                chainRoot[root] = root;
                nextInChain[root] = root;
                continue;
            }
            if (chainRoot[root] != -1) continue;
            int top = 0, size = 0, libs = 0, previous = root;
            ulong* set = libertySets + root * setWords;
            for (int w = 0; w < setWords; w++) set[w] = 0;
            stack[top++] = root;
            chainRoot[root] = root;
            while (top > 0)
            {
                int stone = stack[--top];
                size++;
                if (stone != root)
                {
                    nextInChain[previous] = stone;
                    previous = stone;
                }
                for (int k = 0; k < 4; k++)
                {
                    int offset = neighbourOffsets[k];
                    int neighbour = stone + offset;
                    Color c = stones[neighbour];
                    if (c == Color.Empty && libertyMark[neighbour] != root) { libertyMark[neighbour] = root; libs++; AddToSet(set, neighbour); }
                    else if (c == color && chainRoot[neighbour] == -1) { chainRoot[neighbour] = root; stack[top++] = neighbour; }
                }
            }
            nextInChain[previous] = root;
            chainSize[root] = size;
            liberties[root] = libs;
        }
    }

    /// <summary>The board as text, row N at the top: X black, O white, . empty — the format tests draw boards in.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (int y = Size - 1; y >= 0; y--)
        {
            for (int x = 0; x < Size; x++)
                text.Append(At(x, y) switch { Color.Black => 'X', Color.White => 'O', _ => '.' });
            text.Append('\n');
        }
        return text.ToString();
    }
}
