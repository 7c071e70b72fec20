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
    /// AlphaGo Zero's network as Leela Zero defines it (<see cref="NetworkWeights"/>): Leela Zero's planes in, a policy
    /// of N²+1 logits and a value out.
    /// </summary>
    public static ModelDescription PolicyValue(NetworkShape shape) =>
        new(shape, InputEncoding.LeelaZeroPlanes, [new ModelHead(HeadKind.Policy, shape.PolicySize), new ModelHead(HeadKind.Value, 1)]);

    /// <summary>
    /// Throws unless the spans are exactly what a forward pass over <paramref name="batch"/> positions reads and
    /// writes: what every backend checks before it runs. Allocates nothing.
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
            if (length != count)
                throw new ArgumentException($"the {head.Kind} output must hold batch × {head.Size} = {count} floats, not {length}", nameof(outputs));
        }
    }
}
