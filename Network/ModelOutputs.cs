namespace GoZero.Network;

/// <summary>
/// Where a forward pass writes: one span per head of <see cref="ModelDescription.Heads"/>, position after position.
/// </summary>
/// <param name="policy">[batch][N²+1] raw policy logits, the last is pass (<see cref="InferenceBatch.Softmax"/>).</param>
/// <param name="value">[batch] the value head's tanh, from the side to move's view, in [−1, 1].</param>
public readonly ref struct ModelOutputs(Span<float> policy, Span<float> value)
{
    public Span<float> Policy { get; } = policy;

    public Span<float> Value { get; } = value;

    /// <summary>The span of a head.</summary>
    public Span<float> Of(HeadKind kind) => kind switch
    {
        HeadKind.Policy => Policy,
        HeadKind.Value => Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such head"),
    };
}
