namespace GoZero.Network.Import;

/// <summary>Where an import is: input bytes read of the total (uncompressed), games read and imported, samples of the
/// imported games.</summary>
public readonly record struct ImportProgress(long BytesRead, long BytesTotal, long GamesRead, long GamesImported, long Samples);
