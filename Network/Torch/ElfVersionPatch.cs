using System.Buffers.Binary;
using System.Text;

namespace GoZero.Network.Torch;

/// <summary>
/// Marks one symbol-version requirement of a 64-bit little-endian ELF shared library weak, so that glibc loads the
/// library where that version is missing: sets VER_FLG_WEAK in the <c>vna_flags</c> of the <c>Elf64_Vernaux</c>
/// entry in <c>.gnu.version_r</c> (System V gABI, "Symbol Versioning"; glibc's dl-version.c reports a missing weak
/// version only under LD_DEBUG and goes on). It refuses unless exactly one dynamic symbol, the one named, carries the
/// version, and that symbol is undefined: then nothing but that symbol can be left unresolved.
/// </summary>
/// <remarks>
/// What <see cref="LibTorchSharpCompatibility"/> applies to libLibTorchSharp.so, whose GCC 13 build asks for
/// GLIBCXX_3.4.32 only for <c>std::ios_base_library_init</c>, the marker GCC 13 emits for iostream initialisation,
/// which no relocation uses. Every offset and size read from the file is checked before use: malformed input throws
/// <see cref="InvalidDataException"/>, never reads out of bounds.
/// </remarks>
public static class ElfVersionPatch
{
    /// <summary>VER_FLG_WEAK (elf.h).</summary>
    public const ushort WeakFlag = 2;

    private const uint VersionNeedsSection = 0x6ffffffe, VersionSymbolsSection = 0x6fffffff;
    private const int SectionHeaderSize = 64, SymbolSize = 24, VerneedSize = 16, VernauxSize = 16;

    /// <summary>
    /// A copy of <paramref name="library"/> in which the requirement of <paramref name="version"/> is weak. Returns an
    /// unchanged copy when it already is.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file with sound version
    /// sections, it does not require <paramref name="version"/>, or a symbol other than <paramref name="symbol"/>
    /// (or a defined one) carries it.</exception>
    public static byte[] MarkWeak(ReadOnlySpan<byte> library, string version, string symbol)
    {
        var requirement = FindRequirement(library, version);
        var symbols = SymbolsWithVersion(library, requirement.VersionIndex);
        if (symbols.Count != 1 || symbols[0].Name != symbol || symbols[0].Defined)
        {
            string found = string.Join(", ", symbols.Select(s => s.Defined ? s.Name + " (defined)" : s.Name));
            throw new InvalidDataException($"{version} is required by [{found}], not by {symbol} alone: marking it weak could leave a symbol unresolved");
        }
        var patched = library.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(patched.AsSpan(requirement.FlagsOffset), (ushort)(requirement.Flags | WeakFlag));
        return patched;
    }

    /// <summary>The flags of the requirement of <paramref name="version"/> (for tests and diagnostics).</summary>
    /// <exception cref="InvalidDataException">As <see cref="MarkWeak"/>.</exception>
    public static ushort FlagsOf(ReadOnlySpan<byte> library, string version) => FindRequirement(library, version).Flags;

    /// <summary>The names of the undefined and defined dynamic symbols that carry <paramref name="version"/>.</summary>
    /// <exception cref="InvalidDataException">As <see cref="MarkWeak"/>.</exception>
    public static IReadOnlyList<string> SymbolsRequiring(ReadOnlySpan<byte> library, string version) =>
        SymbolsWithVersion(library, FindRequirement(library, version).VersionIndex).Select(s => s.Name).ToList();

    private readonly record struct Requirement(int FlagsOffset, ushort Flags, ushort VersionIndex);

    private readonly record struct Section(uint Type, long Offset, long Size, int Link);

    private readonly record struct VersionedSymbol(string Name, bool Defined);

    private static Requirement FindRequirement(ReadOnlySpan<byte> file, string version)
    {
        var sections = Sections(file);
        int needsIndex = sections.FindIndex(s => s.Type == VersionNeedsSection);
        if (needsIndex < 0) throw new InvalidDataException("the file has no .gnu.version_r section");
        var needs = sections[needsIndex];
        var strings = LinkedSection(sections, needs, "the .gnu.version_r section");
        long entry = needs.Offset;
        for (int n = 0; n < 1 << 16; n++)
        {
            CheckRange(file, entry, VerneedSize, ".gnu.version_r entry");
            CheckWithin(needs, entry, VerneedSize, "a .gnu.version_r entry");
            ushort auxiliaries = U16(file, entry + 2);
            long aux = entry + U32(file, entry + 8);
            for (int a = 0; a < auxiliaries; a++)
            {
                CheckRange(file, aux, VernauxSize, ".gnu.version_r auxiliary entry");
                CheckWithin(needs, aux, VernauxSize, "a .gnu.version_r auxiliary entry");
                if (String(file, strings, U32(file, aux + 8)) == version)
                    return new Requirement(checked((int)(aux + 4)), U16(file, aux + 4), U16(file, aux + 6));
                uint nextAux = U32(file, aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = U32(file, entry + 12);
            if (next == 0) throw new InvalidDataException($"the file does not require version {version}");
            entry += next;
        }
        throw new InvalidDataException(".gnu.version_r entries form a loop");
    }

    private static List<VersionedSymbol> SymbolsWithVersion(ReadOnlySpan<byte> file, ushort versionIndex)
    {
        var sections = Sections(file);
        int versymIndex = sections.FindIndex(s => s.Type == VersionSymbolsSection);
        if (versymIndex < 0) throw new InvalidDataException("the file has no .gnu.version section");
        var versym = sections[versymIndex];
        var symbols = LinkedSection(sections, versym, "the .gnu.version section");
        var names = LinkedSection(sections, symbols, "the dynamic symbol table");
        long count = Math.Min(versym.Size / 2, symbols.Size / SymbolSize);
        var found = new List<VersionedSymbol>();
        for (long i = 0; i < count; i++)
        {
            long at = versym.Offset + 2 * i;
            CheckRange(file, at, 2, ".gnu.version entry");
            if ((U16(file, at) & 0x7fff) != versionIndex) continue;
            long symbol = symbols.Offset + SymbolSize * i;
            CheckRange(file, symbol, SymbolSize, "dynamic symbol");
            found.Add(new VersionedSymbol(String(file, names, U32(file, symbol)), Defined: U16(file, symbol + 6) != 0));
        }
        return found;
    }

    private static List<Section> Sections(ReadOnlySpan<byte> file)
    {
        if (file.Length < 64 || !file.StartsWith("\u007fELF"u8)) throw new InvalidDataException("not an ELF file");
        if (file[4] != 2 || file[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long offset = (long)U64(file, 0x28);
        int entrySize = U16(file, 0x3A), count = U16(file, 0x3C);
        if (entrySize != SectionHeaderSize) throw new InvalidDataException($"section headers of {entrySize} bytes, not {SectionHeaderSize}");
        CheckRange(file, offset, (long)count * SectionHeaderSize, "section header table");
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long header = offset + (long)i * SectionHeaderSize;
            long start = (long)U64(file, header + 0x18), size = (long)U64(file, header + 0x20);
            uint type = U32(file, header + 4);
            if (type != 8) CheckRange(file, start, size, $"section {i}"); // SHT_NOBITS occupies no file space
            sections.Add(new Section(type, start, size, (int)U32(file, header + 0x28)));
        }
        return sections;
    }

    private static Section LinkedSection(List<Section> sections, Section section, string what)
    {
        if ((uint)section.Link >= (uint)sections.Count) throw new InvalidDataException($"{what} links to section {section.Link}, which does not exist");
        return sections[section.Link];
    }

    private static string String(ReadOnlySpan<byte> file, Section strings, uint offset)
    {
        CheckRange(file, strings.Offset, strings.Size, "string table");
        if (offset >= strings.Size) throw new InvalidDataException($"string offset {offset} is outside its table");
        var rest = file.Slice(checked((int)(strings.Offset + offset)), checked((int)(strings.Size - offset)));
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("a string runs past the end of its table");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    private static void CheckRange(ReadOnlySpan<byte> file, long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > file.Length || length > file.Length - offset)
            throw new InvalidDataException($"the {what} at {offset} ({length} bytes) lies outside the {file.Length}-byte file");
    }

    private static void CheckWithin(Section section, long offset, long length, string what)
    {
        if (offset < section.Offset || offset + length > section.Offset + section.Size)
            throw new InvalidDataException($"{what} at {offset} lies outside its section");
    }

    private static ushort U16(ReadOnlySpan<byte> file, long at) => BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(checked((int)at), 2));

    private static uint U32(ReadOnlySpan<byte> file, long at) => BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(checked((int)at), 4));

    private static ulong U64(ReadOnlySpan<byte> file, long at) => BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(checked((int)at), 8));
}
