namespace GoZero.Network;

/// <summary>
/// Which backend runs a network and on which device: what a command chooses with --backend and --device, passed to
/// <see cref="ModelFactory"/> wherever a network is opened. The default, the managed backend on the CPU, needs no
/// native library.
/// </summary>
public sealed record ModelPlacement(ModelBackend Backend = ModelBackend.Simd, ModelDevice Device = default)
{
    public static ModelPlacement Default { get; } = new();

    /// <summary>The command line's name of a backend: "managed" for <see cref="ModelBackend.Simd"/>, "torch".</summary>
    public static string NameOf(ModelBackend backend) => backend switch
    {
        ModelBackend.Simd => "managed",
        ModelBackend.Torch => "torch",
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "no such backend"),
    };

    /// <summary>A backend by its command-line name (<see cref="NameOf"/>).</summary>
    /// <exception cref="FormatException">No backend has that name.</exception>
    public static ModelBackend ParseBackend(string name)
    {
        foreach (var backend in Enum.GetValues<ModelBackend>())
            if (NameOf(backend) == name.Trim().ToLowerInvariant()) return backend;
        throw new FormatException($"'{name}' is not a backend: use {string.Join(" or ", Enum.GetValues<ModelBackend>().Select(NameOf))}");
    }

    public override string ToString() => $"{NameOf(Backend)} on {Device}";
}
