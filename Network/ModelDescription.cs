namespace GoZero.Network;

/// <summary>
/// What a model reads and writes, whatever runs it: the board size and tower (<see cref="Shape"/>), the input
/// encoding, and its outputs ("heads") with their sizes per position. A forward pass over a batch reads
/// batch × <see cref="InputLength"/> floats and writes batch × size floats for each head (<see cref="ModelOutputs"/>).
/// </summary>
public sealed class ModelDescription
{
    private ModelDescription(NetworkShape shape, InputEncoding input, IReadOnlyList<ModelHead> heads)
    {
        Shape = shape;
        Input = input;
        Heads = heads;
    }

    public NetworkShape Shape { get; }

    public InputEncoding Input { get; }

    /// <summary>The outputs, each written by every forward pass.</summary>
    public IReadOnlyList<ModelHead> Heads { get; }

    public int BoardSize => Shape.BoardSize;

    /// <summary>Floats of input per position.</summary>
    public int InputLength => Input switch
    {
        InputEncoding.LeelaZeroPlanes => InputPlanes.Length(BoardSize),
        _ => throw new InvalidOperationException($"unknown input encoding {Input}"),
    };

    /// <summary>
    /// The network of <see cref="NetworkWeights"/> of this shape: Leela Zero's planes in; a policy of N²+1 logits and a
    /// value out (AlphaGo Zero's network as Leela Zero defines it), and with <see cref="NetworkShape.AuxiliaryHeads"/>
    /// also an ownership of N² values and a score.
    /// </summary>
    public static ModelDescription Of(NetworkShape shape) =>
        new(shape, InputEncoding.LeelaZeroPlanes, shape.AuxiliaryHeads
            ? [new ModelHead(HeadKind.Policy, shape.PolicySize), new ModelHead(HeadKind.Value, 1), new ModelHead(HeadKind.Ownership, shape.Area), new ModelHead(HeadKind.Score, 1)]
            : [new ModelHead(HeadKind.Policy, shape.PolicySize), new ModelHead(HeadKind.Value, 1)]);

    /// <summary>Whether the model has a head of this kind.</summary>
    public bool Has(HeadKind kind)
    {
        for (int h = 0; h < Heads.Count; h++)
            if (Heads[h].Kind == kind) return true;
        return false;
    }

    /// <summary>
    /// Throws unless the spans are exactly what a forward pass over <paramref name="batch"/> positions reads and
    /// writes: what every backend checks before it runs. The policy and value spans are required; an auxiliary head's
    /// span may be empty (not wanted) and must be empty for a head the model lacks. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly what the batch needs.</exception>
    public void CheckForward(ReadOnlySpan<float> inputs, int batch, ModelOutputs outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        long inputCount = (long)batch * InputLength;
        if (inputs.Length != inputCount)
            throw new ArgumentException($"inputs must hold batch × {InputLength} = {inputCount} floats for a batch of {batch} on {BoardSize}×{BoardSize}, not {inputs.Length}", nameof(inputs));
        for (int h = 0; h < Heads.Count; h++)
        {
            var head = Heads[h];
            long count = (long)batch * head.Size;
            int length = outputs.Of(head.Kind).Length;
            bool optional = head.Kind is HeadKind.Ownership or HeadKind.Score;
            if (length != count && !(optional && length == 0))
                throw new ArgumentException($"the {head.Kind} output must hold batch × {head.Size} = {count} floats, not {length}", nameof(outputs));
        }
        foreach (var kind in (ReadOnlySpan<HeadKind>)[HeadKind.Ownership, HeadKind.Score])
            if (!outputs.Of(kind).IsEmpty && !Has(kind))
                throw new ArgumentException($"the model has no {kind} head, so its output must be empty", nameof(outputs));
    }
}
