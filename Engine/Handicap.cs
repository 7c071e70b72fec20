namespace GoZero.Engine;

/// <summary>
/// Handicap stone placements. Fixed placements follow the GTP v2 specification (section 4.1.1): star points on the
/// third line for boards under 13×13 and the fourth line from 13×13 up; up to 9 stones on odd sizes from 9×9, up to
/// 4 on 7×7 and on even sizes, none below 7×7.
/// </summary>
public static class Handicap
{
    public static int MaxFixed(int size) => size < 7 ? 0 : size == 7 || size % 2 == 0 ? 4 : 9;

    /// <summary>The GTP fixed placement of <paramref name="count"/> stones; throws <see cref="ArgumentException"/>
    /// when the size has no such placement.</summary>
    public static IReadOnlyList<Move> FixedPoints(BoardGeometry geometry, int count)
    {
        int size = geometry.Size;
        int max = MaxFixed(size);
        if (count < 2 || count > max)
            throw new ArgumentException(max == 0
                ? $"a {size}×{size} board has no fixed handicap placement"
                : $"fixed handicap on {size}×{size} is 2 to {max} stones, not {count}");
        int edge = size < 13 ? 2 : 3;
        int low = edge, high = size - 1 - edge, middle = size / 2;
        var points = new List<(int X, int Y)> { (low, low), (high, high) };
        if (count >= 3) points.Add((low, high));
        if (count >= 4) points.Add((high, low));
        if (count >= 6) { points.Add((low, middle)); points.Add((high, middle)); }
        if (count >= 8) { points.Add((middle, low)); points.Add((middle, high)); }
        if (count % 2 == 1 && count >= 5) points.Add((middle, middle));
        return points.Select(p => new Move(geometry.PointAt(p.X, p.Y))).ToList();
    }

    /// <summary>
    /// Where the engine puts handicap stones it may place freely (GTP place_free_handicap): the fixed placement as far
    /// as it goes, then each further stone on the empty point farthest from every stone so far, away from the edge.
    /// </summary>
    public static IReadOnlyList<Move> FreePoints(BoardGeometry geometry, int count)
    {
        int size = geometry.Size;
        if (count < 2 || count >= geometry.Area)
            throw new ArgumentException($"free handicap on {size}×{size} is 2 to {geometry.Area - 1} stones, not {count}");
        var chosen = new List<Move>(MaxFixed(size) >= 2 ? FixedPoints(geometry, Math.Min(count, MaxFixed(size))) : []);
        int margin = size >= 7 ? (size < 13 ? 2 : 3) : 0;
        while (chosen.Count < count)
        {
            Move best = Move.Pass;
            int bestDistance = -1;
            foreach (int point in geometry.Points)
            {
                if (chosen.Contains(new Move(point))) continue;
                int x = geometry.ColumnOf(point), y = geometry.RowOf(point);
                bool inside = x >= margin && y >= margin && x < size - margin && y < size - margin;
                int distance = int.MaxValue;
                foreach (var stone in chosen)
                {
                    int d = Math.Abs(geometry.ColumnOf(stone.Point) - x) + Math.Abs(geometry.RowOf(stone.Point) - y);
                    distance = Math.Min(distance, d);
                }
                // Points inside the margin always beat points near the edge.
                int score = (inside ? 1 << 16 : 0) + Math.Min(distance, (1 << 16) - 1);
                if (score > bestDistance) { bestDistance = score; best = new Move(point); }
            }
            chosen.Add(best);
        }
        return chosen;
    }
}
