namespace GoZero.Engine;

/// <summary>
/// Benson's algorithm for unconditional life (D. B. Benson, "Life in the game of Go", Information Sciences 10, 1976):
/// the chains of a player that the opponent cannot capture even if the player passes every turn — "pass-alive" in
/// the words of KataGo's rules — and the territory those chains hold for certain.
/// </summary>
/// <remarks>
/// <para>An X-enclosed region is a maximal connected set of points that are not X's stones (empty points and opponent
/// stones). A region is vital to an X chain when every empty point of the region is a liberty of that chain. Benson
/// repeats two steps until nothing changes: drop every chain with fewer than two vital regions among the regions still
/// standing, then drop every region that borders a dropped chain. The chains left are pass-alive: the opponent can
/// never fill the last empty point of a vital region, because that would be suicide while the chain keeps a liberty in
/// its other vital region.</para>
/// <para>Where multi-stone suicide is legal the opponent can take its own stones off a region and so open points that
/// are no liberty of the chain; there a region is vital only when every point of it, stones included, is next to the
/// chain. KataGo's <c>calculateArea</c> makes the same distinction when told that multi-stone suicide is legal.</para>
/// <para>Pass-alive territory, defined as KataGo's <c>calculateArea</c> marks it: a region that borders X, borders
/// only pass-alive X chains, and has at most one point that is not next to an X stone. An eye of the opponent would
/// have to be such a point, so the opponent cannot make two eyes there, and it cannot capture the walls: its stones in
/// the region are dead for certain. Bigger regions are left to judgement, since the opponent might live in them.</para>
/// </remarks>
public static class PassAlive
{
    /// <summary>True at each stone of <paramref name="player"/> that belongs to a pass-alive chain (per padded point).</summary>
    public static bool[] Stones(Position position, Color player, SuicideRule suicide = SuicideRule.Forbidden)
    {
        int paddedArea = position.Geometry.PaddedArea;
        var stones = new bool[paddedArea];
        Find(position, player, stones, new bool[paddedArea], suicide);
        return stones;
    }

    /// <summary>True at each point (empty or an opponent stone) of <paramref name="player"/>'s pass-alive territory.</summary>
    public static bool[] Territory(Position position, Color player, SuicideRule suicide = SuicideRule.Forbidden)
    {
        int paddedArea = position.Geometry.PaddedArea;
        var territory = new bool[paddedArea];
        Find(position, player, new bool[paddedArea], territory, suicide);
        return territory;
    }

    /// <summary>
    /// Writes, per padded point, whether it is a stone of a pass-alive chain of <paramref name="player"/> and whether
    /// it lies in <paramref name="player"/>'s pass-alive territory. Both spans need <see cref="BoardGeometry.PaddedArea"/>
    /// entries.
    /// </summary>
    public static void Find(Position position, Color player, Span<bool> stones, Span<bool> territory,
        SuicideRule suicide = SuicideRule.Forbidden)
    {
        if (player is not (Color.Black or Color.White))
            throw new ArgumentException($"only Black or White own chains, not {player}", nameof(player));
        var geometry = position.Geometry;
        int paddedArea = geometry.PaddedArea;
        if (stones.Length < paddedArea || territory.Length < paddedArea)
            throw new ArgumentException($"the outputs need one entry per padded point ({paddedArea})");
        stones[..paddedArea].Clear();
        territory[..paddedArea].Clear();

        int[] chainOfPoint = IndexChains(position, player, out int chainCount);
        List<Region> regions = FindRegions(position, player, chainOfPoint, suicide);
        bool[] alive = Benson(regions, chainCount);

        foreach (int point in geometry.Points)
            if (chainOfPoint[point] >= 0 && alive[chainOfPoint[point]]) stones[point] = true;
        foreach (var region in regions)
            if (IsTerritory(region, alive))
                foreach (int point in region.Points) territory[point] = true;
    }

    /// <summary>One X-enclosed region: its points, the X chains next to it (as chain indices), the chains it is vital
    /// to, and how many of its points have no X stone next to them.</summary>
    private sealed class Region
    {
        public readonly List<int> Points = [];
        public readonly List<int> Borders = [];
        public List<int> Vital = [];
        public int InternalPoints;
    }

    /// <summary>Numbers the player's chains 0, 1, …; per padded point the chain index of its stone, or -1.</summary>
    private static int[] IndexChains(Position position, Color player, out int chainCount)
    {
        var geometry = position.Geometry;
        var indexOfRoot = new int[geometry.PaddedArea];
        var chainOfPoint = new int[geometry.PaddedArea];
        Array.Fill(indexOfRoot, -1);
        Array.Fill(chainOfPoint, -1);
        chainCount = 0;
        foreach (int point in geometry.Points)
        {
            if (position[point] != player) continue;
            int root = position.ChainIdOf(point);
            if (indexOfRoot[root] < 0) indexOfRoot[root] = chainCount++;
            chainOfPoint[point] = indexOfRoot[root];
        }
        return chainOfPoint;
    }

    private static List<Region> FindRegions(Position position, Color player, int[] chainOfPoint, SuicideRule suicide)
    {
        var geometry = position.Geometry;
        var inRegion = new bool[geometry.PaddedArea];
        var stack = new Stack<int>();
        var regions = new List<Region>();
        foreach (int start in geometry.Points)
        {
            if (position[start] == player || inRegion[start]) continue;
            var region = new Region();
            inRegion[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int point = stack.Pop();
                region.Points.Add(point);
                bool nextToPlayer = false;
                foreach (int offset in geometry.NeighbourOffsets)
                {
                    int neighbour = point + offset;
                    Color c = position[neighbour];
                    if (c == player)
                    {
                        nextToPlayer = true;
                        if (!region.Borders.Contains(chainOfPoint[neighbour])) region.Borders.Add(chainOfPoint[neighbour]);
                    }
                    else if (c != Color.OffBoard && !inRegion[neighbour])
                    {
                        inRegion[neighbour] = true;
                        stack.Push(neighbour);
                    }
                }
                if (!nextToPlayer) region.InternalPoints++;
            }
            region.Vital = VitalChains(position, player, region, chainOfPoint, suicide);
            regions.Add(region);
        }
        return regions;
    }

    /// <summary>The bordering chains that every empty point of the region (every point, where suicide is legal) is a
    /// liberty of. A region with no point to check — opponent stones without a liberty, which play never leaves —
    /// is vital to nothing.</summary>
    private static List<int> VitalChains(Position position, Color player, Region region, int[] chainOfPoint,
        SuicideRule suicide)
    {
        var vital = new List<int>(region.Borders);
        bool checkedAny = false;
        foreach (int point in region.Points)
        {
            if (suicide == SuicideRule.Forbidden && position[point] != Color.Empty) continue;
            checkedAny = true;
            for (int i = vital.Count - 1; i >= 0; i--)
                if (!IsNextToChain(position, player, point, vital[i], chainOfPoint)) vital.RemoveAt(i);
            if (vital.Count == 0) break;
        }
        if (!checkedAny) vital.Clear();
        return vital;
    }

    private static bool IsNextToChain(Position position, Color player, int point, int chain, int[] chainOfPoint)
    {
        foreach (int offset in position.Geometry.NeighbourOffsets)
        {
            int neighbour = point + offset;
            if (position[neighbour] == player && chainOfPoint[neighbour] == chain) return true;
        }
        return false;
    }

    /// <summary>Benson's iteration; returns per chain index whether it is pass-alive.</summary>
    private static bool[] Benson(List<Region> regions, int chainCount)
    {
        var alive = new bool[chainCount];
        var standing = new bool[regions.Count];
        var vitalCount = new int[chainCount];
        Array.Fill(alive, true);
        Array.Fill(standing, true);
        bool dropped = true;
        while (dropped)
        {
            Array.Clear(vitalCount);
            for (int r = 0; r < regions.Count; r++)
                if (standing[r])
                    foreach (int chain in regions[r].Vital) vitalCount[chain]++;
            dropped = false;
            for (int chain = 0; chain < chainCount; chain++)
            {
                if (!alive[chain] || vitalCount[chain] >= 2) continue;
                alive[chain] = false;
                dropped = true;
            }
            for (int r = 0; r < regions.Count; r++)
                if (standing[r] && !BordersOnlyAlive(regions[r], alive)) standing[r] = false;
        }
        return alive;
    }

    private static bool BordersOnlyAlive(Region region, bool[] alive)
    {
        foreach (int chain in region.Borders)
            if (!alive[chain]) return false;
        return true;
    }

    private static bool IsTerritory(Region region, bool[] alive) =>
        region.Borders.Count > 0 && region.InternalPoints <= 1 && BordersOnlyAlive(region, alive);
}
