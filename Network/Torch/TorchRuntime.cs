using System.Runtime.InteropServices;
using TorchSharp;

namespace GoZero.Network.Torch;

/// <summary>
/// Loads libtorch into the process, once, the first time the torch backend is opened: nothing else in GoZero touches
/// a native library, so a run on the managed backend never loads it. Before the load, OMP_WAIT_POLICY is set to
/// PASSIVE unless the user set it: libtorch's OpenMP threads otherwise spin between parallel regions, and on a busy
/// machine two spinning threads collapse throughput (2 cores at load 5, 6×64, batch 8: 12.9 evaluations/s spinning,
/// 244 passive). Where libLibTorchSharp.so
/// fails to load only for want of GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04), the patched copy of
/// <see cref="LibTorchSharpCompatibility"/> is loaded instead.
/// </summary>
public static partial class TorchRuntime
{
    private const string LibraryName = "LibTorchSharp";
    private static readonly Lock Gate = new();
    private static volatile bool loaded;

    // A failed load is not retried: the process has half-loaded native state (and a resolver that cannot be set twice).
    private static TorchUnavailableException? failure;

    /// <summary>Loads libtorch if it is not yet loaded.</summary>
    /// <exception cref="TorchUnavailableException">It cannot be loaded; the message says why and what to do.</exception>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        lock (Gate)
        {
            if (loaded) return;
            if (failure is not null) throw failure;
            try
            {
                PreferPassiveOpenMpThreads();
                if (FindLibrary() is { } original) Preload(original);
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                failure = new TorchUnavailableException($"libtorch could not be loaded ({Innermost(e).Message}). {Fix}", e);
            }
            catch (TorchUnavailableException e)
            {
                failure = e;
            }
            if (failure is not null) throw failure;
            loaded = true;
        }
    }

    /// <summary>The torch device for <paramref name="device"/>, after <see cref="EnsureLoaded"/>.</summary>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded, or a CUDA device is asked for and this
    /// build or machine has none.</exception>
    public static torch.Device DeviceOf(ModelDevice device)
    {
        EnsureLoaded();
        if (!device.IsCuda) return torch.CPU;
        if (!torch.cuda.is_available())
            throw new TorchUnavailableException($"the device {device} was asked for, but libtorch sees no CUDA device: GoZero's default build carries libtorch for the CPU only; build with -p:TorchCuda=true on a machine with an NVIDIA GPU and driver, or use --device cpu");
        int count = torch.cuda.device_count();
        if (device.Index >= count) throw new TorchUnavailableException($"the device {device} was asked for, but there are {count} CUDA devices (cuda:0 to cuda:{count - 1})");
        return torch.device(DeviceType.CUDA, device.Index);
    }

    /// <summary>libtorch's intra-op threads (one setting for the whole process).</summary>
    public static void UseThreads(int threads)
    {
        EnsureLoaded();
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
    }

    private const string Fix = "The torch backend needs TorchSharp's native libraries beside gozero: build it with `dotnet build` "
        + "(they come with the TorchSharp-cpu package, or TorchSharp-cuda-linux with -p:TorchCuda=true), or use --backend managed, which needs none.";

    /// <summary>Loads libLibTorchSharp.so (and with it libtorch) ourselves, so that a load failure can be read and, where
    /// it is the known GLIBCXX_3.4.32 one, answered with the patched copy; TorchSharp's own loader then finds it loaded.</summary>
    private static void Preload(string original)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(original);
        }
        catch (DllNotFoundException e) when (OperatingSystem.IsLinux() && LibTorchSharpCompatibility.Explains(e.Message))
        {
            handle = LoadPatchedCopy(original, e);
        }
        catch (DllNotFoundException e)
        {
            throw new TorchUnavailableException($"libtorch could not be loaded: {e.Message} {Fix}", e);
        }
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) => name == LibraryName ? handle : 0);
    }

    private static nint LoadPatchedCopy(string original, DllNotFoundException failure)
    {
        string why = $"{LibTorchSharpCompatibility.LibraryFileName} needs {LibTorchSharpCompatibility.MissingVersion}, newer than this system's libstdc++ (Debian 12 and Ubuntu 22.04 ship GCC 12's)";
        string patched;
        try
        {
            // The copy lives elsewhere, so its dependencies must already be loaded: its DT_NEEDED names then match them.
            string folder = Path.GetDirectoryName(original)!;
            foreach (string dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
                if (File.Exists(Path.Combine(folder, dependency))) NativeLibrary.Load(Path.Combine(folder, dependency));
            patched = LibTorchSharpCompatibility.PatchedCopy(original, LibTorchSharpCompatibility.CacheFolder());
            return NativeLibrary.Load(patched);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            throw new TorchUnavailableException($"libtorch could not be loaded: {why}, and GoZero's compatibility copy could not be made or loaded ({e.Message}). "
                + "Fix: install libstdc++ from GCC 13 or later (Debian 13, Ubuntu 24.04), or use --backend managed.", failure);
        }
    }

    /// <summary>libLibTorchSharp as the host's deps.json placed it (a runtimes/RID/native folder or beside the program).</summary>
    private static string? FindLibrary()
    {
        string file = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : LibTorchSharpCompatibility.LibraryFileName;
        var folders = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(AppContext.BaseDirectory);
        return folders.Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
    }

    private static void PreferPassiveOpenMpThreads()
    {
        const string name = "OMP_WAIT_POLICY";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return;
        Environment.SetEnvironmentVariable(name, "PASSIVE");
        // On Unix .NET keeps its own copy of the environment; OpenMP reads the C library's. An empty value counts as
        // unset and is overwritten: libgomp rejects it and spins.
        if (!OperatingSystem.IsWindows()) SetNativeEnvironment(name, "PASSIVE", overwrite: 1);
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
