namespace GoZero.Engine;

/// <summary>
/// Area scoring as Tromp-Taylor defines it: a player's score is the number of points of their colour plus the empty
/// points that reach only their colour. Komi is added to White.
/// </summary>
public static class AreaScoring
{
    /// <summary>Black's area minus White's area minus komi, every stone counted as alive.</summary>
    public static double BlackMinusWhite(Position position, double komi)
    {
        Span<sbyte> owner = stackalloc sbyte[position.Geometry.PaddedArea];
        FillOwnership(position, owner);
        int score = 0;
        foreach (int point in position.Geometry.Points) score += owner[point];
        return score - komi;
    }

    /// <summary>
    /// Writes, per padded point, +1 where Black owns it, -1 where White does, 0 for a neutral (dame) point.
    /// Empty regions are flood-filled once each.
    /// </summary>
    public static void FillOwnership(Position position, Span<sbyte> owner)
    {
        var geometry = position.Geometry;
        owner[..geometry.PaddedArea].Clear();
        Span<bool> visited = stackalloc bool[geometry.PaddedArea];
        Span<int> region = stackalloc int[geometry.Area];
        var offsets = geometry.NeighbourOffsets;
        foreach (int start in geometry.Points)
        {
            Color c = position[start];
            if (c == Color.Black) { owner[start] = 1; continue; }
            if (c == Color.White) { owner[start] = -1; continue; }
            if (visited[start]) continue;
            int count = 0, next = 0;
            bool reachesBlack = false, reachesWhite = false;
            region[count++] = start;
            visited[start] = true;
            while (next < count)
            {
                int point = region[next++];
                foreach (int offset in offsets)
                {
                    int neighbour = point + offset;
                    switch (position[neighbour])
                    {
                        case Color.Black: reachesBlack = true; break;
                        case Color.White: reachesWhite = true; break;
                        case Color.Empty when !visited[neighbour]:
                            visited[neighbour] = true;
                            region[count++] = neighbour;
                            break;
                    }
                }
            }
            sbyte value = reachesBlack == reachesWhite ? (sbyte)0 : reachesBlack ? (sbyte)1 : (sbyte)-1;
            foreach (int point in region[..count]) owner[point] = value;
        }
    }
}
