using GoZero.Engine;

namespace GoZero.Network;

/// <summary>
/// One forward pass of a model over positions, each encoded under one symmetry or several: the one path from positions
/// to probabilities, which the search's evaluator, net eval and net test share so that they agree to the bit. Fill the
/// inputs with <see cref="Start"/> then <see cref="Encode"/> (or <see cref="Input"/>), evaluate them together with
/// <see cref="Run"/>, and take each position's outputs with <see cref="Combine"/>: the softmax of each symmetry's logits
/// mapped back onto the board, then the mean over the position's symmetries (Leela Zero's AVERAGE ensemble; one
/// symmetry gives that one's outputs, its DIRECT ensemble).
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
    private float[] inputs = [], logits = [], values = [];
    private int[] symmetries = [];

    public InferenceBatch(IInferenceModel model)
    {
        this.model = model;
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
        model.Forward(inputs.AsSpan(0, rows * inputLength), rows, new ModelOutputs(logits.AsSpan(0, rows * policySize), values.AsSpan(0, rows)));
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
