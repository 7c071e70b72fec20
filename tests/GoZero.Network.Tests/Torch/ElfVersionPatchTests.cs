using System.Buffers.Binary;
using GoZero.Network.Torch;

namespace GoZero.Network.Tests.Torch;

/// <summary>The ELF patch on the libLibTorchSharp.so that TorchSharp-cpu ships, and on files it must refuse.</summary>
public sealed class ElfVersionPatchTests
{
    private const string Version = LibTorchSharpCompatibility.MissingVersion, Symbol = LibTorchSharpCompatibility.OnlySymbol;

    private static readonly Lazy<byte[]> RealLibrary = new(() => File.ReadAllBytes(LibraryPath));

    private static string LibraryPath => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibTorchSharpCompatibility.LibraryFileName);

    [Fact]
    public void InTorchSharps0107LibraryOnlyIosBaseLibraryInitNeedsGlibcxx3432()
    {
        Assert.Equal([Symbol], ElfVersionPatch.SymbolsRequiring(RealLibrary.Value, Version));
        Assert.Equal(0, ElfVersionPatch.FlagsOf(RealLibrary.Value, Version));
    }

    [Fact]
    public void MarkingWeakChangesOnlyThatRequirementsFlags()
    {
        var original = RealLibrary.Value;
        var patched = ElfVersionPatch.MarkWeak(original, Version, Symbol);

        Assert.Equal(ElfVersionPatch.WeakFlag, ElfVersionPatch.FlagsOf(patched, Version));
        Assert.Equal(original.Length, patched.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(changed);
        Assert.Equal(0, ElfVersionPatch.FlagsOf(patched, "GLIBCXX_3.4.30"));
        Assert.Equal(patched, ElfVersionPatch.MarkWeak(patched, Version, Symbol));
    }

    [Fact]
    public void AVersionOtherSymbolsNeedIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(RealLibrary.Value, "GLIBCXX_3.4", Symbol));
        Assert.Contains("not by " + Symbol + " alone", error.Message);
        Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(RealLibrary.Value, Version, "_ZSt4cout"));
    }

    [Fact]
    public void AVersionTheLibraryDoesNotRequireIsRefused() =>
        Assert.Contains("does not require", Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(RealLibrary.Value, "GLIBCXX_9.9", Symbol)).Message);

    [Theory]
    [InlineData("empty")]
    [InlineData("text")]
    [InlineData("32-bit")]
    [InlineData("big-endian")]
    [InlineData("truncated")]
    [InlineData("section headers past the end")]
    [InlineData("no sections")]
    public void MalformedFilesAreRefused(string kind)
    {
        var file = (byte[])RealLibrary.Value.Clone();
        var malformed = kind switch
        {
            "empty" => [],
            "text" => "#!/bin/sh\necho not a library\n"u8.ToArray(),
            "32-bit" => With(file, 4, 1),
            "big-endian" => With(file, 5, 2),
            "truncated" => file[..4096],
            "section headers past the end" => WithU64(file, 0x28, (ulong)file.Length - 10),
            "no sections" => WithU16(file, 0x3C, 0),
            _ => throw new ArgumentException(kind),
        };
        Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(malformed, Version, Symbol));
    }

    [Fact]
    public void CorruptedSectionHeadersOrVersionEntriesGiveInvalidDataOrAPatchNeverAnotherError()
    {
        var original = RealLibrary.Value;
        long sections = (long)BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(0x28));
        int sectionBytes = BinaryPrimitives.ReadUInt16LittleEndian(original.AsSpan(0x3C)) * 64;
        var random = new Random(17);
        for (int trial = 0; trial < 300; trial++)
        {
            var file = (byte[])original.Clone();
            for (int k = 0; k < 4; k++)
            {
                int at = trial % 2 == 0 ? (int)sections + random.Next(sectionBytes) : 0x1d0 + random.Next(0x400);
                file[at] = (byte)random.Next(256);
            }
            try
            {
                ElfVersionPatch.MarkWeak(file, Version, Symbol);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void ThePatchedCopyIsCachedUnderTheOriginalsHash()
    {
        string cache = Directory.CreateTempSubdirectory("gozero-libtorchsharp-").FullName;
        try
        {
            string path = LibTorchSharpCompatibility.PatchedCopy(LibraryPath, cache);
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(RealLibrary.Value));
            Assert.Equal(Path.Combine(cache, hash, LibTorchSharpCompatibility.LibraryFileName), path);
            Assert.Equal(ElfVersionPatch.WeakFlag, ElfVersionPatch.FlagsOf(File.ReadAllBytes(path), Version));
            var written = File.GetLastWriteTimeUtc(path);
            Assert.Equal(path, LibTorchSharpCompatibility.PatchedCopy(LibraryPath, cache));
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));
            Assert.Single(Directory.GetFiles(cache, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static byte[] With(byte[] file, int at, byte value)
    {
        file[at] = value;
        return file;
    }

    private static byte[] WithU64(byte[] file, int at, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(at), value);
        return file;
    }

    private static byte[] WithU16(byte[] file, int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(at), value);
        return file;
    }
}
