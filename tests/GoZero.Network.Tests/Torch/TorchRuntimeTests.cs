using GoZero.Network.Torch;

namespace GoZero.Network.Tests.Torch;

/// <summary>Loading libtorch: the OpenMP setting made before the load, and which libLibTorchSharp.so the process maps.</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void OpenMpThreadsArePassiveUnlessTheUserChose()
    {
        string? before = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        TorchRuntime.EnsureLoaded();
        Assert.Equal(string.IsNullOrEmpty(before) ? "PASSIVE" : before, Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"));
    }

    [Fact]
    public void ThePatchedCopyIsMappedExactlyWhereTheSystemsLibstdcxxLacksGlibcxx3432()
    {
        TorchRuntime.EnsureLoaded();
        var maps = File.ReadAllLines("/proc/self/maps");
        bool patched = maps.Any(line => line.Contains(LibTorchSharpCompatibility.CacheFolder(), StringComparison.Ordinal));
        bool original = maps.Any(line => line.EndsWith("native/" + LibTorchSharpCompatibility.LibraryFileName, StringComparison.Ordinal));
        var libstdcxx = maps.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last()).First(path => path.Contains("libstdc++.so.6"));
        bool systemHasVersion = File.ReadAllText(libstdcxx, System.Text.Encoding.Latin1).Contains(LibTorchSharpCompatibility.MissingVersion);
        Assert.True(patched ^ original, "exactly one libLibTorchSharp.so is mapped");
        Assert.Equal(!systemHasVersion, patched);
    }

    [Fact]
    public void ACudaDeviceThisBuildLacksIsRefusedWithTheFix()
    {
        var error = Assert.Throws<TorchUnavailableException>(() =>
            ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 0, 4), 1), backend: ModelBackend.Torch, device: ModelDevice.Parse("cuda:0")));
        Assert.Contains("-p:TorchCuda=true", error.Message);
    }

    [Fact]
    public void TheManagedBackendRefusesCuda() =>
        Assert.Throws<ArgumentException>("device", () => ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 0, 4), 1), device: ModelDevice.Parse("cuda")));

    [Theory]
    [InlineData("cpu", false, 0)]
    [InlineData("CUDA", true, 0)]
    [InlineData("cuda:3", true, 3)]
    public void DevicesParse(string text, bool cuda, int index)
    {
        var device = ModelDevice.Parse(text);
        Assert.Equal(new ModelDevice(cuda, index), device);
        Assert.Equal(device, ModelDevice.Parse(device.ToString()));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void OtherDevicesAreRefused(string text) => Assert.Throws<FormatException>(() => ModelDevice.Parse(text));
}
