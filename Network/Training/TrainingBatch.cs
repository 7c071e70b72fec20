namespace GoZero.Network.Training;

/// <summary>
/// A batch of training positions laid out as the network reads them, reused from step to step. Row i of each array
/// is one position, already under the symmetry it is trained with: <see cref="Planes"/> holds [Capacity][18][N²]
/// input planes (as <see cref="IInferenceModel.Forward"/> reads them), <see cref="Policy"/> [Capacity][N²+1] search
/// visit distributions π (each row sums to 1, the last entry is pass), <see cref="Value"/> [Capacity] game results
/// z ∈ {−1, 0, +1} from the side to move's view. Only the first <see cref="Count"/> rows are in use.
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

    public int PlaneLength => InputPlanes.Length(BoardSize);

    public int PolicyLength => BoardSize * BoardSize + 1;

    private int count;
}
