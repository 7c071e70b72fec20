using System.Globalization;

namespace GoZero.Network;

/// <summary>
/// Where a backend runs a model: the CPU, or CUDA device <see cref="Index"/> (written "cpu", "cuda", "cuda:N"). The
/// managed backend runs on the CPU only.
/// </summary>
public readonly record struct ModelDevice(bool IsCuda, int Index)
{
    public static ModelDevice Cpu => default;

    /// <summary>"cpu", "cuda" (device 0) or "cuda:N".</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static ModelDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string device = text.Trim().ToLowerInvariant();
        if (device == "cpu") return Cpu;
        if (device == "cuda") return new ModelDevice(true, 0);
        if (device.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index <= 255)
            return new ModelDevice(true, index);
        throw new FormatException($"'{text}' is not a device: use cpu, cuda or cuda:N");
    }

    public override string ToString() => IsCuda ? $"cuda:{Index}" : "cpu";
}
