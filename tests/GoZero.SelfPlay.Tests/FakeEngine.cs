using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>Starts the misbehaving test engine (tests/GoZero.FakeGtpEngine) through <c>dotnet</c>, as any external
/// GTP engine would be started.</summary>
public static class FakeEngine
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "fake-gtp-engine.dll");

    public static IReadOnlyList<string> Arguments(params string[] options) => [DllPath, .. options];

    public static GtpEnginePlayer Player(string name, TimeSpan moveTimeout, params string[] options) =>
        new(name, DotnetHost, Arguments(options), moveTimeout);

    /// <summary>The dotnet executable running these tests, so the fake engine runs on the same runtime.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
