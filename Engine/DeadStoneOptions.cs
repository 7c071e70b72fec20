namespace GoZero.Engine;

/// <summary>How <see cref="DeadStones"/> judges the stones of a finished game.</summary>
/// <param name="Playouts">Light random playouts per judgement. Default 400: the standard error of a share measured
/// over 400 playouts is at most 2.5 points of percentage, far from the gap between a dead chain (owned by the
/// opponent in nearly every playout) and a living one, and a 19×19 end position still takes well under a second.</param>
/// <param name="DeadThreshold">A chain is dead when the opponent owns its points at the end of at least this share
/// of the playouts (averaged over its stones). Default 0.7: a clear majority, so that a chain whose fate is a coin
/// toss in random play (a fight still open at the end) is left on the board rather than taken off.</param>
/// <param name="SekiThreshold">An empty point between living stones of both colours is a shared liberty of a seki
/// when it is still empty and neutral at the end of at least this share of the playouts. Default 0.7: the playouts
/// fill dame at once, but never a seki's shared liberties (see <see cref="SelfAtari"/>).</param>
/// <param name="Seed">Seed of the playouts' random numbers: a given position and seed always give the same
/// judgement.</param>
/// <param name="Suicide">The game's suicide rule, which decides which regions Benson's algorithm may count as vital
/// (see <see cref="PassAlive"/>). Default: forbidden, as in <see cref="RulesOptions.Default"/>.</param>
public sealed record DeadStoneOptions(
    int Playouts = 400,
    double DeadThreshold = 0.7,
    double SekiThreshold = 0.7,
    ulong Seed = 0x5EED_DEAD_5701E5UL,
    SuicideRule Suicide = SuicideRule.Forbidden)
{
    public const int MaxPlayouts = 1_000_000;

    public static readonly DeadStoneOptions Default = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot be judged with.</summary>
    public DeadStoneOptions Validated()
    {
        if (Playouts < 1 || Playouts > MaxPlayouts)
            throw new ArgumentException($"playouts must be 1 to {MaxPlayouts}, not {Playouts}");
        // A share of one half or less is no majority: a chain would be taken off that its owner keeps as often as not.
        if (!(DeadThreshold > 0.5 && DeadThreshold <= 1))
            throw new ArgumentException($"the dead threshold must be a share above 0.5 and at most 1, not {DeadThreshold}");
        if (!(SekiThreshold > 0 && SekiThreshold <= 1))
            throw new ArgumentException($"the seki threshold must be a share above 0 and at most 1, not {SekiThreshold}");
        if (!Enum.IsDefined(Suicide)) throw new ArgumentException($"unknown suicide rule {Suicide}");
        return this;
    }
}
