using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// The run's key-value entry <see cref="RunServerNames.BestKey"/>: which network workers play with and how. The
/// trainer writes it after the network is in the object store, so an entry always names a network a worker can fetch;
/// a worker plays a network only when the SHA-256 of the bytes it fetched is <see cref="Sha256"/>.
/// </summary>
/// <param name="Generation">The run's generation of the network (0: the network the run started from).</param>
/// <param name="Network">Its name in the run's object store (and in the run folder's networks/).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the network file.</param>
/// <param name="Config">The run's settings: a worker plays with <see cref="TrainingRunConfig.SelfPlay"/> of them.</param>
/// <param name="ResignThreshold">The threshold new games resign at, calibrated by the trainer on the played-out games
/// of every worker (<see cref="SelfPlayStatistics.ResignThreshold"/>).</param>
public sealed record BestNetworkEntry(int Generation, string Network, string Sha256, TrainingRunConfig Config, double ResignThreshold)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads an entry; anything else is an <see cref="InvalidDataException"/> saying why.</summary>
    public static BestNetworkEntry Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<BestNetworkEntry>(json, Json) ?? throw new JsonException("null");
            if (entry.Sha256 is not { Length: 64 } || !entry.Sha256.All(char.IsAsciiHexDigitLower))
                throw new InvalidDataException($"the best network's entry has no SHA-256 ('{entry.Sha256}')");
            if (entry.Network is null || entry.Config is null) throw new InvalidDataException("the best network's entry names no network or no settings");
            entry.Config.Validated();
            return entry;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the best network's entry is not one GoZero wrote: {JsonFileError.Reason(e)}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"the best network's entry has settings out of range: {e.Message}", e);
        }
    }
}
