namespace GoZero.Network.Tests.Conformance;

/// <summary>
/// The backends the conformance tests hold to the contract: every value of <see cref="ModelBackend"/>, so that a new
/// backend is tested by adding itself there.
/// </summary>
public static class Backends
{
    public static TheoryData<ModelBackend> All() => [.. Enum.GetValues<ModelBackend>()];
}
