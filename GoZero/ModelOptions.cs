using CommandLine;
using GoZero.Network;

namespace GoZero.Cli;

/// <summary>
/// --backend and --device, the options of every verb that opens a network, declared once: each such verb's options
/// derive from this class.
/// </summary>
public abstract class ModelOptions
{
    [Option("backend", Default = OptionDefaults.Backend, HelpText = "What runs the network: managed (GoZero's own SIMD C#, no native library; the faster on a CPU here) or torch (libtorch through TorchSharp). bench net and bench train take a comma-separated list to measure side by side.")]
    public string Backend { get; set; } = OptionDefaults.Backend;

    [Option("device", Default = OptionDefaults.Device, HelpText = "Where the network runs: cpu, or with --backend torch on a CUDA build (-p:TorchCuda=true) cuda or cuda:N.")]
    public string Device { get; set; } = OptionDefaults.Device;

    /// <summary>The placement asked for, or null and the reason it cannot be had.</summary>
    public (ModelPlacement? Placement, string? Problem) Placement()
    {
        var (placements, problem) = Placements();
        if (placements is null) return (null, problem);
        return placements.Count == 1 ? (placements[0], null) : (null, $"--backend {Backend}: name one backend");
    }

    /// <summary>The placement asked for, once <see cref="Placement"/> found no problem with it.</summary>
    public ModelPlacement CheckedPlacement => Placement().Placement ?? throw new InvalidOperationException($"--backend {Backend} --device {Device} were not checked");

    /// <summary>Every placement of a comma-separated --backend on --device (bench), or null and the reason.</summary>
    public (IReadOnlyList<ModelPlacement>? Placements, string? Problem) Placements()
    {
        try
        {
            var device = ModelDevice.Parse(Device);
            var backends = Backend.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ModelPlacement.ParseBackend).Distinct().ToList();
            if (backends.Count == 0) return (null, "--backend names no backend: use managed or torch");
            if (device.IsCuda && backends.Contains(ModelBackend.Simd)) return (null, $"--device {Device}: the managed backend runs on the CPU only; use --backend torch");
            return (backends.Select(b => new ModelPlacement(b, device)).ToList(), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }
}
