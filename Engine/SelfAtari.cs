using System.Diagnostics;

namespace GoZero.Engine;

/// <summary>
/// Recognises a move that leaves a chain of two or more of the mover's stones with a single liberty and captures
/// nothing. Monte-Carlo playout policies filter self-ataris (Pachi's moggy policy checks every candidate with its
/// tactics/selfatari module) because, without such a rule, whoever first fills a shared liberty of a seki is
/// captured, and plain random playouts kill one side of every seki at random.
/// </summary>
public static class SelfAtari
{
    /// <summary>
    /// Whether <paramref name="player"/> on the empty <paramref name="point"/> would join a chain of two or more stones
    /// that has one liberty left, without capturing anything. A lone stone in atari is not counted: sacrifices of one
    /// stone (throw-ins, the vital point of a big eye) are how eyes are destroyed, and playouts need them.
    /// </summary>
    public static bool IsMultiStoneSelfAtari(Position position, int point, Color player)
    {
        Debug.Assert(position[point] == Color.Empty);
        if (position.EmptyNeighbourCount(point) >= 2) return false;
        Color opponent = player.Opponent();
        bool joinsChain = false;
        foreach (int offset in position.Geometry.NeighbourOffsets)
        {
            int neighbour = point + offset;
            Color c = position[neighbour];
            if (c == player)
            {
                // Such a chain keeps two liberties besides this point.
                if (position.LibertiesOf(neighbour) >= 3) return false;
                joinsChain = true;
            }
            else if (c == opponent && position.LibertiesOf(neighbour) == 1) return false;
        }
        return joinsChain && HasAtMostOneLibertyAfter(position, point, player);
    }

    /// <summary>Counts the liberties of the chain the move would make, stopping at two: the empty neighbour of the
    /// point (at most one here) and the liberties other than the point of each joined chain (at most one each, since
    /// every joined chain has at most two).</summary>
    private static bool HasAtMostOneLibertyAfter(Position position, int point, Color player)
    {
        var geometry = position.Geometry;
        var offsets = geometry.NeighbourOffsets;
        int liberty = -1;
        foreach (int offset in offsets)
            if (position[point + offset] == Color.Empty) liberty = point + offset;

        Span<bool> seen = stackalloc bool[geometry.PaddedArea];
        Span<int> stack = stackalloc int[geometry.Area];
        foreach (int offset in offsets)
        {
            int neighbour = point + offset;
            // A chain whose only liberty is the point adds nothing; one already walked (joined twice) neither.
            if (position[neighbour] != player || seen[neighbour] || position.LibertiesOf(neighbour) < 2) continue;
            int top = 0;
            stack[top++] = neighbour;
            seen[neighbour] = true;
            while (top > 0)
            {
                int stone = stack[--top];
                foreach (int step in offsets)
                {
                    int next = stone + step;
                    Color c = position[next];
                    if (c == Color.Empty)
                    {
                        if (next == point || next == liberty) continue;
                        if (liberty >= 0) return false;
                        liberty = next;
                    }
                    else if (c == player && !seen[next])
                    {
                        seen[next] = true;
                        stack[top++] = next;
                    }
                }
            }
        }
        return true;
    }
}
