namespace GoZero.Network;

/// <summary>
/// Where a forward pass writes: one span per head of <see cref="ModelDescription.Heads"/>, position after position.
/// The policy and value are always written; the auxiliary heads (<see cref="Ownership"/>, <see cref="Score"/>) only
/// where the caller passes a span for them (the search reads policy and value alone, and a backend skips the work of
/// a head nobody reads).
/// </summary>
/// <param name="policy">[batch][N²+1] raw policy logits, the last is pass (<see cref="InferenceBatch.Softmax"/>).</param>
/// <param name="value">[batch] the value head's tanh, from the side to move's view, in [−1, 1].</param>
/// <param name="ownership">[batch][N²] the ownership head's tanh (<see cref="HeadKind.Ownership"/>), or empty.</param>
/// <param name="score">[batch] the score head's points (<see cref="HeadKind.Score"/>), or empty.</param>
public readonly ref struct ModelOutputs(Span<float> policy, Span<float> value, Span<float> ownership, Span<float> score)
{
    public ModelOutputs(Span<float> policy, Span<float> value)
        : this(policy, value, default, default)
    {
    }

    public Span<float> Policy { get; } = policy;

    public Span<float> Value { get; } = value;

    public Span<float> Ownership { get; } = ownership;

    public Span<float> Score { get; } = score;

    /// <summary>The span of a head.</summary>
    public Span<float> Of(HeadKind kind) => kind switch
    {
        HeadKind.Policy => Policy,
        HeadKind.Value => Value,
        HeadKind.Ownership => Ownership,
        HeadKind.Score => Score,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such head"),
    };
}
