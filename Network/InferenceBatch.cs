using GoZero.Engine;

namespace GoZero.Network;

/// <summary>
/// One forward pass of a model over positions, each encoded under one symmetry or several: the one path from positions
/// to probabilities, which the search's evaluator, net eval and net test share so that they agree to the bit. Fill the
/// inputs with <see cref="Start"/> then <see cref="Encode"/> (or <see cref="Input"/>), evaluate them together with
/// <see cref="Run"/>, and take each position's outputs with <see cref="Combine"/>: the softmax of each symmetry's logits
/// mapped back onto the board, then the mean over the position's symmetries (Leela Zero's AVERAGE ensemble; one
/// symmetry gives that one's outputs, its DIRECT ensemble). Built with <c>auxiliary</c> for a model with the ownership
/// and score heads, it also runs them, and <see cref="CombineAuxiliary"/> gives their means the same way.
/// </summary>
/// <remarks>
/// Buffers grow to the largest batch seen and are reused, so steady state allocates nothing. Not thread-safe: one user
/// at a time. The model stays the caller's to dispose.
/// </remarks>
public sealed class InferenceBatch
{
    private readonly IInferenceModel model;
    private readonly int size, inputLength, policySize;
    private readonly float[] probabilities, onBoard;
    private readonly double[] sums;
    private readonly bool auxiliary;
    private float[] inputs = [], logits = [], values = [], ownership = [], scores = [];
    private int[] symmetries = [];

    /// <param name="auxiliary">Whether to run the ownership and score heads too (the model must have them).</param>
    public InferenceBatch(IInferenceModel model, bool auxiliary = false)
    {
        if (auxiliary && !model.Description.Has(HeadKind.Ownership))
            throw new ArgumentException("the model has no ownership and score heads", nameof(auxiliary));
        this.model = model;
        this.auxiliary = auxiliary;
        size = model.Description.BoardSize;
        inputLength = model.Description.InputLength;
        policySize = model.Description.Shape.PolicySize;
        probabilities = new float[policySize];
        onBoard = new float[policySize];
        sums = new double[policySize];
    }

    public int Positions { get; private set; }

    public int SymmetriesPerPosition { get; private set; }

    /// <summary>Starts a batch of <paramref name="positions"/> positions with <paramref name="symmetriesPerPosition"/>
    /// inputs each, all of which are then to be filled.</summary>
    public void Start(int positions, int symmetriesPerPosition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positions);
        ArgumentOutOfRangeException.ThrowIfLessThan(symmetriesPerPosition, 1);
        Positions = positions;
        SymmetriesPerPosition = symmetriesPerPosition;
        int rows = positions * symmetriesPerPosition;
        if (symmetries.Length >= rows) return;
        inputs = new float[rows * inputLength];
        logits = new float[rows * policySize];
        values = new float[rows];
        symmetries = new int[rows];
        if (!auxiliary) return;
        ownership = new float[rows * size * size];
        scores = new float[rows];
    }

    /// <summary>The input of <paramref name="position"/> under its <paramref name="k"/>-th symmetry, to be filled with
    /// the position seen under <paramref name="symmetry"/> (<see cref="Engine.Symmetry"/>).</summary>
    public Span<float> Input(int position, int k, int symmetry)
    {
        int row = Row(position, k);
        symmetries[row] = symmetry;
        return inputs.AsSpan(row * inputLength, inputLength);
    }

    /// <summary>Encodes the game's position now under <paramref name="symmetry"/> as <paramref name="position"/>'s
    /// <paramref name="k"/>-th input (<see cref="InputPlanes.Encode"/>).</summary>
    public void Encode(int position, int k, Game game, int symmetry) => InputPlanes.Encode(game, symmetry, Input(position, k, symmetry));

    /// <summary>Runs the model on every input of the batch.</summary>
    public void Run()
    {
        int rows = Positions * SymmetriesPerPosition;
        model.Forward(inputs.AsSpan(0, rows * inputLength), rows, auxiliary
            ? new ModelOutputs(logits.AsSpan(0, rows * policySize), values.AsSpan(0, rows), ownership.AsSpan(0, rows * size * size), scores.AsSpan(0, rows))
            : new ModelOutputs(logits.AsSpan(0, rows * policySize), values.AsSpan(0, rows)));
    }

    /// <summary>
    /// <paramref name="position"/>'s ownership and score after <see cref="Run"/> of a batch built with
    /// <c>auxiliary</c>, on the board's own orientation and from the side to move's view: writes into
    /// <paramref name="owners"/> (N²) the mean over its symmetries of each one's ownership mapped back, and returns the
    /// mean of its scores.
    /// </summary>
    public float CombineAuxiliary(int position, Span<float> owners)
    {
        if (!auxiliary) throw new InvalidOperationException("this batch does not run the ownership and score heads");
        int area = size * size;
        if (owners.Length != area) throw new ArgumentException($"an ownership of a {size}×{size} board has {area} entries, not {owners.Length}", nameof(owners));
        int first = Row(position, 0);
        Array.Clear(sums);
        double scoreSum = 0;
        for (int row = first; row < first + SymmetriesPerPosition; row++)
        {
            InputPlanes.MapPlaneBack(ownership.AsSpan(row * area, area), size, symmetries[row], onBoard);
            for (int i = 0; i < area; i++) sums[i] += onBoard[i];
            scoreSum += scores[row];
        }
        for (int i = 0; i < area; i++) owners[i] = (float)(sums[i] / SymmetriesPerPosition);
        return (float)(scoreSum / SymmetriesPerPosition);
    }

    /// <summary>
    /// <paramref name="position"/>'s outputs after <see cref="Run"/>, on the board's own orientation: writes into
    /// <paramref name="policy"/> (N²+1) the mean over its symmetries of each one's softmax mapped back, and returns the
    /// mean of its values. Sums are kept in double, so that every user gets the same policy to the bit.
    /// </summary>
    public float Combine(int position, Span<float> policy)
    {
        if (policy.Length != policySize) throw new ArgumentException($"a policy of a {size}×{size} board has {policySize} entries, not {policy.Length}", nameof(policy));
        int first = Row(position, 0);
        Array.Clear(sums);
        double valueSum = 0;
        for (int row = first; row < first + SymmetriesPerPosition; row++)
        {
            Softmax(logits.AsSpan(row * policySize, policySize), probabilities);
            InputPlanes.MapPolicyBack(probabilities, size, symmetries[row], onBoard);
            for (int m = 0; m < policySize; m++) sums[m] += onBoard[m];
            valueSum += values[row];
        }
        for (int m = 0; m < policySize; m++) policy[m] = (float)(sums[m] / SymmetriesPerPosition);
        return (float)(valueSum / SymmetriesPerPosition);
    }

    /// <summary>
    /// probabilities = softmax(logits), computed stably (the maximum is subtracted first). The spans must have the
    /// same length; they may be the same memory.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        if (probabilities.Length != logits.Length)
            throw new ArgumentException($"probabilities must have the logits' length {logits.Length}, not {probabilities.Length}", nameof(probabilities));
        if (logits.Length == 0) return;
        float max = float.NegativeInfinity;
        foreach (float logit in logits) max = Math.Max(max, logit);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float e = MathF.Exp(logits[i] - max);
            probabilities[i] = e;
            sum += e;
        }
        float inverse = (float)(1.0 / sum);
        for (int i = 0; i < probabilities.Length; i++) probabilities[i] *= inverse;
    }

    private int Row(int position, int k)
    {
        if ((uint)position >= (uint)Positions) throw new ArgumentOutOfRangeException(nameof(position), position, $"the batch has {Positions} positions");
        if ((uint)k >= (uint)SymmetriesPerPosition) throw new ArgumentOutOfRangeException(nameof(k), k, $"a position has {SymmetriesPerPosition} inputs");
        return position * SymmetriesPerPosition + k;
    }
}
