namespace GoZero.Network;

/// <summary>
/// The size of an AlphaGo Zero residual policy-value network: board N, residual blocks B, filters F. The input is
/// always 18 planes of N×N (Leela Zero's encoding), the policy has N²+1 outputs (the last is pass), the value head's
/// hidden layer 256 units.
/// <para>With <see cref="AuxiliaryHeads"/>, KataGo's ownership and score heads as well (Wu 2019, "Accelerating
/// Self-Play Learning in Go", section 4.1): ownership a 1×1 convolution of the tower's output to one plane with a
/// bias, tanh'd at every point; score a second linear output of the value head's 256-unit hidden layer, times
/// <see cref="ScoreScale"/>.</para>
/// <para>With <see cref="GlobalPoolingInterval"/> k &gt; 0, KataGo's global pooling (Wu 2019, section 3.2) in every
/// k-th residual block (blocks k, 2k, …, counting from 1): the last <see cref="GlobalPoolingChannels"/> C channels of
/// the block's first convolution (after its batch norm and ReLU) are pooled over the board into 3C numbers (mean,
/// mean × (√N² − 14)/10, max), a fully connected layer turns them into a bias for each of the other F − C channels,
/// added before their ReLU; the second convolution then reads all F channels as in a plain block.</para>
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

    /// <summary>Every k-th residual block pools (see the class summary); 0: none does (AlphaGo Zero's tower, Leela
    /// Zero's files).</summary>
    public int GlobalPoolingInterval { get; init; }

    /// <summary>Channels of a pooling block's first convolution that are pooled; the other F − C get the biases.</summary>
    public int GlobalPoolingChannels { get; init; }

    /// <summary>Pooled channels when only the interval is given: a third of the filters, at least one (KataGo's b6c96
    /// pools 32 of 96).</summary>
    public static int DefaultPooledChannels(int filters) => Math.Max(1, filters / 3);

    /// <summary>Whether any residual block pools.</summary>
    public bool GlobalPooling => GlobalPoolingInterval > 0;

    /// <summary>Whether residual block <paramref name="block"/> (from 0) pools.</summary>
    public bool PoolsIn(int block) => GlobalPoolingInterval > 0 && (block + 1) % GlobalPoolingInterval == 0;

    /// <summary>KataGo's board-size scale of the second pooled mean, (√area − 14)/10: 0.5 on 19×19, −0.5 on 9×9, so
    /// that a layer can tell board sizes apart from the pooled values alone.</summary>
    public float PoolingSizeScale => (BoardSize - 14) / 10f;

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
        if (GlobalPoolingInterval < 0 || GlobalPoolingInterval > Blocks)
            throw new ArgumentException($"the global pooling interval must be 0 (none) to the {Blocks} blocks, not {GlobalPoolingInterval}");
        if (GlobalPoolingInterval == 0 && GlobalPoolingChannels != 0)
            throw new ArgumentException($"{GlobalPoolingChannels} pooled channels need a global pooling interval");
        if (GlobalPoolingInterval > 0 && (GlobalPoolingChannels < 1 || GlobalPoolingChannels >= Filters))
            throw new ArgumentException($"pooled channels must be 1 to {Filters - 1} (fewer than the filters), not {GlobalPoolingChannels}");
        return this;
    }

    /// <summary>Multiply-adds of one forward pass (convolutions and fully connected layers), for GFLOP/s figures.</summary>
    public long MultiplyAddsPerPosition =>
        (long)Area * 9 * Filters * (InputPlanes + 2L * Blocks * Filters)
        + (long)Area * Filters * 3
        + 2L * Area * PolicySize
        + (long)Area * ValueHidden + ValueHidden
        + (AuxiliaryHeads ? (long)Area * Filters + ValueHidden : 0)
        + PoolingBlocks * 3L * GlobalPoolingChannels * (Filters - GlobalPoolingChannels);

    /// <summary>How many residual blocks pool.</summary>
    public int PoolingBlocks => GlobalPoolingInterval == 0 ? 0 : Blocks / GlobalPoolingInterval;

    public override string ToString() => $"{BoardSize}x{BoardSize} {Blocks}x{Filters}"
        + (GlobalPooling ? $" +pooling {GlobalPoolingChannels}/{GlobalPoolingInterval}" : "")
        + (AuxiliaryHeads ? " +ownership+score" : "");
}
