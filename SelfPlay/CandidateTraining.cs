using System.Text;
using System.Text.Json;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// How a candidate was trained (beside it, <see cref="RunLayout.TrainingRecordPath"/>): the window it was trained on, its mean
/// losses, how long training took and the run's time when it was saved. A run killed between a candidate and its
/// ledger line reads this back, so the ledger keeps the candidate's losses and the run's clock keeps its training time.
/// The ownership and score losses are those of a network with the heads, else null (as in a record saved before them).
/// </summary>
public sealed record CandidateTraining(int WindowSamples, double TotalLoss, double PolicyLoss, double ValueLoss,
                                       double TrainingSeconds, double RunSeconds, double? OwnershipLoss = null, double? ScoreLoss = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>The record of no training seen: what a candidate saved before this file existed gets.</summary>
    public static CandidateTraining Unknown { get; } = new(0, double.NaN, double.NaN, double.NaN, 0, 0);

    /// <summary>The most bytes a record may have: 1 MiB, far more than its few figures take.</summary>
    public const int MaxFileBytes = 1 << 20;

    public void Save(string path) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json))));

    /// <summary>The record in <paramref name="path"/>; <see cref="Unknown"/> when it is missing or unreadable, which
    /// costs only the ledger's loss figures for that candidate.</summary>
    public static CandidateTraining Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CandidateTraining>(InputFile.ReadAllBytes(path, MaxFileBytes, "a candidate's training record"), Json) ?? Unknown : Unknown;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Unknown;
        }
    }
}
