using GoZero.Engine;

namespace GoZero.Network;

/// <summary>
/// The network's input, encoded exactly as Leela Zero encodes it (Network.cpp gather_features): 18 planes of N²,
/// index y·N + x. Planes 0–7 hold the stones of the player to move now, in the positions after the last 8 moves
/// (t, t−1, …, t−7); planes 8–15 the opponent's stones in the same positions; plane 16 is all ones when Black is to
/// move, plane 17 when White is. History before the start of the game (or before handicap and set-up stones) is
/// empty planes, not copies of the first board. Under symmetry s, plane[idx] = board[T[s][idx]] (see
/// <see cref="Symmetry.DenseMap"/>), and the network's policy comes back as policy[T[s][idx]] = output[idx].
/// </summary>
public static class InputPlanes
{
    public const int HistoryLength = 8;
    public const int Count = NetworkShape.InputPlanes;

    /// <summary>Floats one position needs: 18 planes of N².</summary>
    public static int Length(int size) => Count * size * size;

    /// <summary>Encodes the game's position now under a symmetry into <paramref name="planes"/> (18·N² floats),
    /// without allocating.</summary>
    public static void Encode(Game game, int symmetry, Span<float> planes)
    {
        int size = game.Size;
        int area = size * size;
        if (planes.Length < Count * area)
            throw new ArgumentException($"{Count} planes of {area} need {Count * area} floats, not {planes.Length}", nameof(planes));
        planes = planes[..(Count * area)];
        planes.Clear();
        var geometry = game.Geometry;
        var map = Symmetry.DenseMap(size, symmetry);
        Color toMove = game.ToMove;
        for (int h = 0; h < HistoryLength; h++)
        {
            var position = game.PositionBefore(h);
            if (position is null) break;
            var own = planes.Slice(h * area, area);
            var opponent = planes.Slice((HistoryLength + h) * area, area);
            for (int index = 0; index < area; index++)
            {
                Color stone = position[geometry.PointOfDenseIndex(map[index])];
                if (stone == toMove) own[index] = 1f;
                else if (stone != Color.Empty) opponent[index] = 1f;
            }
        }
        planes.Slice((toMove == Color.Black ? 2 * HistoryLength : 2 * HistoryLength + 1) * area, area).Fill(1f);
    }

    /// <summary>
    /// Maps a policy the network produced under <paramref name="symmetry"/> back onto the board:
    /// board[T[idx]] = network[idx] for the N² points; the pass entry (index N²) is unchanged.
    /// </summary>
    public static void MapPolicyBack(ReadOnlySpan<float> network, int size, int symmetry, Span<float> board)
    {
        int area = size * size;
        if (network.Length < area + 1 || board.Length < area + 1)
            throw new ArgumentException($"a policy of a {size}×{size} board has {area + 1} entries");
        MapPlaneBack(network[..area], size, symmetry, board[..area]);
        board[area] = network[area];
    }

    /// <summary>
    /// Maps a plane of N² values the network produced under <paramref name="symmetry"/> (the ownership, say) back onto
    /// the board: board[T[idx]] = network[idx].
    /// </summary>
    public static void MapPlaneBack(ReadOnlySpan<float> network, int size, int symmetry, Span<float> board)
    {
        int area = size * size;
        if (network.Length < area || board.Length < area)
            throw new ArgumentException($"a plane of a {size}×{size} board has {area} entries");
        var map = Symmetry.DenseMap(size, symmetry);
        for (int index = 0; index < area; index++) board[map[index]] = network[index];
    }
}
