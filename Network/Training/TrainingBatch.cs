namespace GoZero.Network.Training;

/// <summary>
/// A batch of training positions laid out as the network reads them, reused from step to step. Row i of each array
/// is one position, already under the symmetry it is trained with: <see cref="Planes"/> holds [Capacity][18][N²]
/// input planes (as <see cref="IInferenceModel.Forward"/> reads them), <see cref="Policy"/> [Capacity][N²+1] search
/// visit distributions π (each row sums to 1, the last entry is pass), <see cref="Value"/> [Capacity] game results
/// z ∈ {−1, 0, +1} from the side to move's view. Only the first <see cref="Count"/> rows are in use.
/// <para>
/// KataGo's auxiliary targets (Wu 2019, "Accelerating Self-Play Learning in Go", section 4.1), where the game gives
/// them: <see cref="Ownership"/> [Capacity][N²] the final owner of each point from the side to move's view (+1 theirs,
/// −1 the opponent's, 0 neither), under the row's symmetry as the planes are; <see cref="Score"/> [Capacity] the final
/// score difference in points from the side to move's view (their area minus the opponent's, komi included). A row
/// whose game gives no such target (a resigned game, an old chunk) has 0 in <see cref="HasOwnership"/> or
/// <see cref="HasScore"/> and zeros in the target, so that a loss weighted by the flag ignores it.
/// </para>
/// </summary>
public sealed class TrainingBatch
{
    public TrainingBatch(int boardSize, int capacity)
    {
        if (boardSize < Engine.BoardGeometry.MinSize || boardSize > Engine.BoardGeometry.MaxSize)
            throw new ArgumentOutOfRangeException(nameof(boardSize), $"board size {boardSize} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}");
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        BoardSize = boardSize;
        Capacity = capacity;
        Planes = new float[(long)capacity * InputPlanes.Length(boardSize)];
        Policy = new float[(long)capacity * (boardSize * boardSize + 1)];
        Value = new float[capacity];
        Ownership = new float[(long)capacity * boardSize * boardSize];
        Score = new float[capacity];
        HasPolicy = new float[capacity];
        HasOwnership = new float[capacity];
        HasScore = new float[capacity];
    }

    public int BoardSize { get; }

    public int Capacity { get; }

    /// <summary>Rows in use, 0 to <see cref="Capacity"/>.</summary>
    public int Count
    {
        get => count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            count = value;
        }
    }

    public float[] Planes { get; }

    public float[] Policy { get; }

    public float[] Value { get; }

    /// <summary>[Capacity][N²] final ownership from the side to move's view, where <see cref="HasOwnership"/> is 1.</summary>
    public float[] Ownership { get; }

    /// <summary>[Capacity] final score difference from the side to move's view, where <see cref="HasScore"/> is 1.</summary>
    public float[] Score { get; }

    /// <summary>[Capacity] 1 where <see cref="Policy"/> is a policy target, 0 where the row's π only moved its game on
    /// (<see cref="TrainingSample.FullSearch"/> false): a policy loss weighted by it skips those rows.</summary>
    public float[] HasPolicy { get; }

    /// <summary>[Capacity] 1 where the row has an ownership target, 0 where it has none.</summary>
    public float[] HasOwnership { get; }

    /// <summary>[Capacity] 1 where the row has a score target, 0 where it has none.</summary>
    public float[] HasScore { get; }

    /// <summary>Writes <paramref name="sample"/> into row <paramref name="row"/> under <paramref name="symmetry"/>: its
    /// planes and π (<see cref="TrainingSample.Unpack"/>), z, its final ownership under the same symmetry
    /// (<see cref="TrainingSample.UnpackOwnership"/>) and score, and the flags of the targets it has. Allocates
    /// nothing.</summary>
    public void SetRow(int row, TrainingSample sample, int symmetry)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Capacity, nameof(row));
        int planeLength = PlaneLength, policyLength = PolicyLength, ownershipLength = OwnershipLength;
        sample.Unpack(symmetry, Planes.AsSpan(row * planeLength, planeLength), Policy.AsSpan(row * policyLength, policyLength));
        Value[row] = sample.Outcome;
        HasPolicy[row] = sample.FullSearch ? 1f : 0f;
        HasOwnership[row] = sample.UnpackOwnership(symmetry, Ownership.AsSpan(row * ownershipLength, ownershipLength)) ? 1f : 0f;
        float? score = sample.Score;
        Score[row] = score ?? 0f;
        HasScore[row] = score.HasValue ? 1f : 0f;
    }

    public int PlaneLength => InputPlanes.Length(BoardSize);

    public int PolicyLength => BoardSize * BoardSize + 1;

    public int OwnershipLength => BoardSize * BoardSize;

    private int count;
}
