namespace GoZero.Network.HeldOut;

/// <summary>Where a held-out test is: input bytes read of the total (uncompressed SGF and Tygem text, or chunk
/// files), games kept of those wanted (<see cref="GamesWanted"/> null for all), positions evaluated.</summary>
public readonly record struct HeldOutProgress(long BytesRead, long BytesTotal, long Games, long? GamesWanted, long Positions)
{
    /// <summary>The fraction done: of the input, or of the games wanted when that is further.</summary>
    public double Fraction => Math.Clamp(Math.Max((double)BytesRead / Math.Max(1, BytesTotal), GamesWanted is long wanted ? (double)Games / wanted : 0), 0, 1);
}
