using System.Security.Cryptography;
using GoZero.Engine;

namespace GoZero.Network.Torch;

/// <summary>
/// Lets TorchSharp 0.107's libLibTorchSharp.so load on Debian 12 and Ubuntu 22.04, whose libstdc++ (GCC 12) stops at
/// GLIBCXX_3.4.30: the library, built with GCC 13, asks for GLIBCXX_3.4.32 for one symbol only,
/// <c>std::ios_base_library_init</c> (GCC 13's marker that a translation unit includes &lt;iostream&gt;; no relocation
/// refers to it). A copy in which that one requirement is weak (<see cref="ElfVersionPatch"/>) loads and runs the same
/// code. <see cref="TorchRuntime"/> uses the copy only when the original fails to load for want of that version; on
/// newer distributions, Windows and macOS nothing here runs.
/// </summary>
/// <remarks>
/// The copy is kept in a per-user cache folder (<see cref="CacheFolder"/>) under the original's SHA-256, so that a
/// new TorchSharp gets a new copy, and is written atomically (<see cref="AtomicFile"/>), so that two processes
/// starting at once never load a half-written file.
/// </remarks>
public static class LibTorchSharpCompatibility
{
    public const string MissingVersion = "GLIBCXX_3.4.32";
    public const string OnlySymbol = "_ZSt21ios_base_library_initv";
    public const string LibraryFileName = "libLibTorchSharp.so";

    /// <summary>Whether a loader's message says the library needs the version this layer relaxes.</summary>
    public static bool Explains(string loadError) => loadError.Contains(MissingVersion, StringComparison.Ordinal);

    /// <summary>$XDG_CACHE_HOME/gozero/libtorchsharp, or ~/.cache/gozero/libtorchsharp.</summary>
    public static string CacheFolder()
    {
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "gozero", "libtorchsharp");
    }

    /// <summary>
    /// The path of the patched copy of <paramref name="original"/> in <paramref name="cacheFolder"/>, writing it
    /// first if it is not there yet.
    /// </summary>
    /// <exception cref="InvalidDataException">The library is not one this patch is known to be safe for.</exception>
    /// <exception cref="IOException">The cache folder cannot be written.</exception>
    public static string PatchedCopy(string original, string cacheFolder)
    {
        var library = File.ReadAllBytes(original);
        string hash = Convert.ToHexStringLower(SHA256.HashData(library));
        string path = Path.Combine(cacheFolder, hash, LibraryFileName);
        if (File.Exists(path)) return path;
        var patched = ElfVersionPatch.MarkWeak(library, MissingVersion, OnlySymbol);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, stream => stream.Write(patched));
        return path;
    }
}
