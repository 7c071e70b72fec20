namespace GoZero.Engine;

public enum KoRule
{
    /// <summary>Only the immediate recapture of a single stone is forbidden.</summary>
    Simple,

    /// <summary>No move may recreate an earlier arrangement of stones (Tromp-Taylor, Chinese rules as computers play them).</summary>
    PositionalSuperko,

    /// <summary>No move may recreate an earlier arrangement of stones with the same player to move (New Zealand rules).</summary>
    SituationalSuperko,
}
