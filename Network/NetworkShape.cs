namespace GoZero.Network;

/// <summary>
/// The size of an AlphaGo Zero residual policy-value network: board N, residual blocks B, filters F. The input is
/// always 18 planes of N×N (Leela Zero's encoding), the policy has N²+1 outputs (the last is pass), the value head's
/// hidden layer 256 units.
/// <para>With <see cref="AuxiliaryHeads"/>, KataGo's ownership and score heads as well (Wu 2019, "Accelerating
/// Self-Play Learning in Go", section 4.1): ownership a 1×1 convolution of the tower's output to one plane with a
/// bias, tanh'd at every point; score a second linear output of the value head's 256-unit hidden layer, times
/// <see cref="ScoreScale"/>.</para>
/// </summary>
public sealed record NetworkShape(int BoardSize, int Blocks, int Filters)
{
    public const int InputPlanes = 18;
    public const int ValueHidden = 256;

    /// <summary>
    /// Points per unit of the score head's linear output: KataGo likewise multiplies its raw score-mean output by 20,
    /// so that the layer's weights stay of order one while scores run to tens of points. The output is not bounded:
    /// the loss's Huber tails (<see cref="Training.TrainingOptions.ScoreWeight"/>) keep the rare lopsided game from
    /// dominating instead.
    /// </summary>
    public const float ScoreScale = 20;

    /// <summary>Whether the network has the ownership and score heads beside policy and value (off: AlphaGo Zero's
    /// network, Leela Zero's files).</summary>
    public bool AuxiliaryHeads { get; init; }
    public const int MaxBlocks = 80;
    public const int MaxFilters = 1024;

    public int Area => BoardSize * BoardSize;

    /// <summary>N² points and a pass.</summary>
    public int PolicySize => Area + 1;

    /// <summary>Throws <see cref="ArgumentException"/> for a shape no network can have.</summary>
    public NetworkShape Validated()
    {
        if (BoardSize < Engine.BoardGeometry.MinSize || BoardSize > Engine.BoardGeometry.MaxSize)
            throw new ArgumentException($"board size {BoardSize} is outside {Engine.BoardGeometry.MinSize}..{Engine.BoardGeometry.MaxSize}");
        if (Blocks < 0 || Blocks > MaxBlocks) throw new ArgumentException($"blocks must be 0 to {MaxBlocks}, not {Blocks}");
        if (Filters < 1 || Filters > MaxFilters) throw new ArgumentException($"filters must be 1 to {MaxFilters}, not {Filters}");
        return this;
    }

    /// <summary>Multiply-adds of one forward pass (convolutions and fully connected layers), for GFLOP/s figures.</summary>
    public long MultiplyAddsPerPosition =>
        (long)Area * 9 * Filters * (InputPlanes + 2L * Blocks * Filters)
        + (long)Area * Filters * 3
        + 2L * Area * PolicySize
        + (long)Area * ValueHidden + ValueHidden
        + (AuxiliaryHeads ? (long)Area * Filters + ValueHidden : 0);

    public override string ToString() => $"{BoardSize}x{BoardSize} {Blocks}x{Filters}" + (AuxiliaryHeads ? " +ownership+score" : "");
}
