using GoZero.Engine;

namespace GoZero.Network.Training;

/// <summary>
/// One training position, as the AlphaGo Zero paper records it for every move of a self-play game: the network's
/// input s, the search's visit distribution π and the game's result z (Methods, "Self-play": (s, π, z)), plus where
/// it came from. The input is the 18 planes of <see cref="InputPlanes"/> under the identity symmetry, one bit per
/// point (bit b of the packing is plane b / N², point b mod N²; bit b is bit b mod 8 of byte b / 8, the bits past
/// 18·N² zero). π has N²+1 entries, the last one pass, and sums to 1. z ∈ {−1, 0, +1} is from the view of the player
/// to move in the position. Where its game gives them, the sample also carries the game's <see cref="FinalTargets"/>
/// (KataGo's final ownership and score), stored once per game from Black's view and exposed from the mover's.
/// </summary>
public sealed class TrainingSample
{
    /// <summary>How far π's sum may be from 1: a float sum of up to 626 entries rounds by about 1e-5.</summary>
    public const float PolicySumTolerance = 1e-3f;

    [ThreadStatic] private static float[]? encodeScratch;

    /// <summary>One-hot π per board size and move, shared by every sample read with it (never written: a sample
    /// exposes its π read-only).</summary>
    private static readonly float[]?[][] oneHotPolicies = new float[]?[BoardGeometry.MaxSize + 1][];

    private readonly byte[] packedPlanes;
    private readonly float[] policy;
    private FinalTargets? finalTargets;

    /// <summary>A sample from its parts; <see cref="Problem"/> says what is wrong with parts that are refused.</summary>
    public TrainingSample(int boardSize, byte[] packedPlanes, float[] policy, sbyte outcome, ulong gameId, int moveNumber, bool fullSearch = true)
    {
        if (Problem(boardSize, packedPlanes, policy, outcome, moveNumber) is string problem) throw new ArgumentException(problem);
        BoardSize = boardSize;
        this.packedPlanes = packedPlanes;
        this.policy = policy;
        Outcome = outcome;
        GameId = gameId;
        MoveNumber = moveNumber;
        FullSearch = fullSearch;
    }

    public int BoardSize { get; }

    /// <summary>z from the view of the player to move: +1 they won the game, −1 they lost, 0 a draw (or not known
    /// yet: see <see cref="SetWinner"/>).</summary>
    public sbyte Outcome { get; private set; }

    /// <summary>The game the position is from, as self-play numbers its games.</summary>
    public ulong GameId { get; }

    /// <summary>Moves played in the game before this position (passes included).</summary>
    public int MoveNumber { get; }

    /// <summary>Whether π is a policy target: true for a full search and for an expert's move; false for a move
    /// searched with the small budget of KataGo's playout cap randomisation (Wu 2019, section 3.1), whose π only moved
    /// the game on. Such a sample trains the value (and the auxiliary heads), not the policy.</summary>
    public bool FullSearch { get; }

    /// <summary>The final ownership and score of the sample's game, shared by its samples; null where the game gives
    /// neither (a resigned game, an old chunk: see <see cref="SetFinalTargets"/>).</summary>
    public FinalTargets? FinalTargets => finalTargets;

    /// <summary>The final score difference from the view of the player to move (their area minus the opponent's, komi
    /// included); null where the game gives no score.</summary>
    public float? Score => finalTargets?.BlackScore is float black ? (ToMove == Color.Black ? black : -black) : null;

    /// <summary>The input planes under the identity symmetry, one bit per point (see the class summary).</summary>
    public ReadOnlySpan<byte> PackedPlanes => packedPlanes;

    /// <summary>π: N²+1 probabilities over the points (dense index y·N + x) and pass.</summary>
    public ReadOnlySpan<float> Policy => policy;

    /// <summary>Black or White, read from the side-to-move planes.</summary>
    public Color ToMove => IsSet(packedPlanes, 2 * InputPlanes.HistoryLength * BoardSize * BoardSize) ? Color.Black : Color.White;

    /// <summary>The shared π that is 1 at <paramref name="move"/> (dense index, N² for pass) and 0 elsewhere. Samples
    /// built on it keep their contract (<see cref="Policy"/> is read-only); only their memory is shared.</summary>
    internal static float[] OneHotPolicy(int boardSize, int move)
    {
        int length = boardSize * boardSize + 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)move, (uint)length, nameof(move));
        var perSize = Volatile.Read(ref oneHotPolicies[boardSize]);
        if (perSize is null)
        {
            Interlocked.CompareExchange(ref oneHotPolicies[boardSize], new float[]?[length], null);
            perSize = oneHotPolicies[boardSize]!;
        }
        var policy = Volatile.Read(ref perSize[move]);
        if (policy is null)
        {
            var made = new float[length];
            made[move] = 1f;
            policy = Interlocked.CompareExchange(ref perSize[move], made, null) ?? made;
        }
        return policy;
    }

    public static int PackedPlanesLength(int boardSize) => (InputPlanes.Count * boardSize * boardSize + 7) / 8;

    /// <summary>
    /// The sample of the game's position now, with the search's visit distribution <paramref name="policy"/> (over
    /// the board, not under a symmetry). Nothing is allocated beyond the sample itself: the planes are encoded by
    /// <see cref="InputPlanes.Encode"/> into a per-thread buffer and packed. The outcome is 0 until the game ends and
    /// <see cref="SetWinner"/> records it; self-play captures a sample at every move and sets the winner at the end.
    /// </summary>
    public static TrainingSample Capture(Game game, ReadOnlySpan<float> policy, ulong gameId, bool fullSearch = true)
    {
        int size = game.Size;
        int area = size * size;
        if (policy.Length != area + 1) throw new ArgumentException($"a policy of a {size}×{size} board has {area + 1} entries, not {policy.Length}", nameof(policy));
        var planes = encodeScratch ??= new float[InputPlanes.Length(BoardGeometry.MaxSize)];
        InputPlanes.Encode(game, 0, planes);
        var packed = new byte[PackedPlanesLength(size)];
        for (int bit = 0; bit < InputPlanes.Count * area; bit++)
            if (planes[bit] != 0f) packed[bit >> 3] |= (byte)(1 << (bit & 7));
        return new TrainingSample(size, packed, policy.ToArray(), 0, gameId, game.MoveCount, fullSearch);
    }

    /// <summary>Records the game's winner (<see cref="Color.Empty"/> for a draw) as z from the view of the player to
    /// move here.</summary>
    public void SetWinner(Color winner) =>
        Outcome = winner == Color.Empty ? (sbyte)0 : winner == ToMove ? (sbyte)1 : (sbyte)-1;

    /// <summary>Records the game's final ownership and score, as <see cref="SetWinner"/> records z: at the end of the
    /// game, the same instance for each of its samples.</summary>
    public void SetFinalTargets(FinalTargets targets)
    {
        if (targets.BoardSize != BoardSize)
            throw new ArgumentException($"the final targets of a {targets.BoardSize}×{targets.BoardSize} game cannot go with a {BoardSize}×{BoardSize} sample", nameof(targets));
        finalTargets = targets;
    }

    /// <summary>
    /// Writes the sample as the network sees it under <paramref name="symmetry"/>: the planes exactly as
    /// <see cref="InputPlanes.Encode"/> gives them for that symmetry (plane[idx] = board[T[idx]]), and the policy
    /// target in the same frame, target[idx] = π[T[idx]] for the N² points and pass unchanged, so that
    /// <see cref="InputPlanes.MapPolicyBack"/> turns the target back into π. Allocates nothing.
    /// </summary>
    public void Unpack(int symmetry, Span<float> planes, Span<float> policyTarget)
    {
        int size = BoardSize;
        int area = size * size;
        if (planes.Length < InputPlanes.Count * area || policyTarget.Length < area + 1)
            throw new ArgumentException($"a {size}×{size} sample needs {InputPlanes.Count * area} plane and {area + 1} policy floats");
        var map = Symmetry.DenseMap(size, symmetry);
        var bits = packedPlanes.AsSpan();
        for (int plane = 0; plane < 2 * InputPlanes.HistoryLength; plane++)
        {
            var target = planes.Slice(plane * area, area);
            int first = plane * area;
            for (int index = 0; index < area; index++)
            {
                int bit = first + map[index];
                target[index] = (bits[bit >> 3] >> (bit & 7)) & 1;
            }
        }
        // The side-to-move planes are all ones or all zeros, the same under every symmetry.
        bool blackToMove = ToMove == Color.Black;
        planes.Slice(2 * InputPlanes.HistoryLength * area, area).Fill(blackToMove ? 1f : 0f);
        planes.Slice((2 * InputPlanes.HistoryLength + 1) * area, area).Fill(blackToMove ? 0f : 1f);
        for (int index = 0; index < area; index++) policyTarget[index] = policy[map[index]];
        policyTarget[area] = policy[area];
    }

    /// <summary>
    /// Writes the final ownership from the view of the player to move (+1 theirs, −1 the opponent's, 0 neither) under
    /// <paramref name="symmetry"/>, in the frame <see cref="Unpack"/> gives the planes: target[idx] = owner[T[idx]].
    /// Where the game gives no ownership, writes zeros and returns false. Allocates nothing.
    /// </summary>
    public bool UnpackOwnership(int symmetry, Span<float> target)
    {
        int area = BoardSize * BoardSize;
        if (target.Length < area) throw new ArgumentException($"a {BoardSize}×{BoardSize} sample needs {area} ownership floats", nameof(target));
        if (finalTargets is not { HasOwnership: true } targets)
        {
            target[..area].Clear();
            return false;
        }
        var map = Symmetry.DenseMap(BoardSize, symmetry);
        var owner = targets.BlackOwnership;
        float sign = ToMove == Color.Black ? 1f : -1f;
        for (int index = 0; index < area; index++) target[index] = sign * owner[map[index]];
        return true;
    }

    /// <summary>
    /// What is wrong with these parts, or null if they make a sample: a board size outside 2..25, a packing of the
    /// wrong length or with bits set past the planes, side-to-move planes that are not one all ones and the other all
    /// zeros, a point with stones of both players in one position, a policy of the wrong length, not finite, negative
    /// or not summing to 1, z outside {−1, 0, +1}, a negative move number.
    /// </summary>
    public static string? Problem(int boardSize, ReadOnlySpan<byte> packedPlanes, ReadOnlySpan<float> policy, sbyte outcome, int moveNumber)
    {
        if (boardSize < BoardGeometry.MinSize || boardSize > BoardGeometry.MaxSize)
            return $"board size {boardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}";
        int area = boardSize * boardSize;
        if (packedPlanes.Length != PackedPlanesLength(boardSize))
            return $"the packed planes of a {boardSize}×{boardSize} sample are {PackedPlanesLength(boardSize)} bytes, not {packedPlanes.Length}";
        int bitCount = InputPlanes.Count * area;
        if ((bitCount & 7) != 0 && packedPlanes[^1] >> (bitCount & 7) != 0) return "bits are set past the 18 planes";
        int blackPlane = 2 * InputPlanes.HistoryLength * area, whitePlane = blackPlane + area;
        int blackOnes = 0, whiteOnes = 0;
        for (int index = 0; index < area; index++)
        {
            if (IsSet(packedPlanes, blackPlane + index)) blackOnes++;
            if (IsSet(packedPlanes, whitePlane + index)) whiteOnes++;
        }
        if (!(blackOnes == area && whiteOnes == 0 || blackOnes == 0 && whiteOnes == area))
            return "the side-to-move planes are not one all ones and the other all zeros";
        for (int history = 0; history < InputPlanes.HistoryLength; history++)
            for (int index = 0; index < area; index++)
                if (IsSet(packedPlanes, history * area + index) && IsSet(packedPlanes, (InputPlanes.HistoryLength + history) * area + index))
                    return $"point {index} holds stones of both players in history plane {history}";
        if (policy.Length != area + 1) return $"the policy of a {boardSize}×{boardSize} sample has {area + 1} entries, not {policy.Length}";
        double sum = 0;
        for (int index = 0; index < policy.Length; index++)
        {
            float p = policy[index];
            if (!float.IsFinite(p) || p < 0f) return $"policy entry {index} is {p}, not a probability";
            sum += p;
        }
        if (Math.Abs(sum - 1) > PolicySumTolerance) return $"the policy sums to {sum}, not 1";
        if (outcome is < -1 or > 1) return $"the outcome z is {outcome}, not -1, 0 or 1";
        if (moveNumber < 0) return $"the move number {moveNumber} is negative";
        return null;
    }

    private static bool IsSet(ReadOnlySpan<byte> bits, int bit) => ((bits[bit >> 3] >> (bit & 7)) & 1) != 0;
}
