using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using GoZero.Engine;

namespace GoZero.Network;

/// <summary>
/// A network as GoZero's trainer saves it: the weights, the optimizer's state and where the network comes from.
/// <para>The file, all integers and floats little-endian, strings a u32 byte count then UTF-8:</para>
/// <code>
///  8  magic "GZNET\r\n\x1A" (the CR LF and ^Z catch text-mode copies, as PNG's do)
///  4  u32 format version (1 or 2)
/// 12  i32 board size N, i32 blocks B, i32 filters F
///  8  i64 parameter count, which must be the shape's
///  4  version 2 only: u32 features, bit 0 set: the ownership and score heads (<see cref="NetworkShape.AuxiliaryHeads"/>);
///     bit 1 set: global pooling (<see cref="NetworkShape.GlobalPooling"/>); no other bit may be set
///  8  bit 1 only: i32 global pooling interval k, i32 pooled channels C
///     metadata: i32 generation, i64 training steps, i64 games seen, i64 creation time (UTC .NET ticks),
///               string parent name, string parent SHA-256, string notes
///     f32 × parameter count: every tensor of <see cref="NetworkWeights.Tensors"/>, in that order
///     u32 optimizer tensor count, then each: string name, i64 value count, f32 × count
/// 32  SHA-256 of every byte before it
/// </code>
/// Saving is atomic (<see cref="AtomicFile"/>); loading checks the magic, the version, the hash, then every size,
/// and returns nothing of a file that fails. A network without features is saved as version 1, byte for byte what
/// GoZero wrote before version 2 existed, so that older programs still read it; one with features as version 2.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The newest version this program reads and writes.</summary>
    public const uint FormatVersion = 2;

    /// <summary>The version without the features field: AlphaGo Zero's policy-value network.</summary>
    private const uint PolicyValueVersion = 1;

    private const uint AuxiliaryHeadsFeature = 1;
    private const uint GlobalPoolingFeature = 2;
    private const uint KnownFeatures = AuxiliaryHeadsFeature | GlobalPoolingFeature;
    private const int HashSize = 32;
    private const int HeaderSize = 8 + 4 + 12 + 8;
    private const int FixedMetadataSize = 4 + 8 + 8 + 8 + 3 * 4;

    /// <summary>"GZNET", CR, LF, ^Z.</summary>
    public static ReadOnlySpan<byte> Magic => "GZNET\r\n\u001A"u8;

    public NetworkWeights Weights { get; }
    public CheckpointMetadata Metadata { get; }

    /// <summary>The optimizer's tensors (momentum and the like), empty for a network never trained. Names are unique.</summary>
    public IReadOnlyList<NamedTensor> OptimizerState { get; }

    public Checkpoint(NetworkWeights weights, CheckpointMetadata metadata, IReadOnlyList<NamedTensor>? optimizerState = null)
    {
        Weights = weights;
        Metadata = metadata.Validated();
        OptimizerState = optimizerState ?? [];
        var duplicate = OptimizerState.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"optimizer tensor '{duplicate.Key}' appears twice");
    }

    /// <summary>Whether a file starting with these bytes is a checkpoint (of any version).</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    public long ParameterCount => Weights.Tensors.Sum(t => (long)t.Length);

    /// <summary>Writes the checkpoint atomically: a failure leaves an old file at <paramref name="path"/> intact.</summary>
    public void Save(string path) => AtomicFile.Write(path, Write);

    private void Write(Stream file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var output = new HashingWriter(file, hash);
        var shape = Weights.Shape;
        uint features = FeaturesOf(shape);
        output.Bytes(Magic);
        output.UInt32(VersionOf(shape));
        output.Int32(shape.BoardSize);
        output.Int32(shape.Blocks);
        output.Int32(shape.Filters);
        output.Int64(ParameterCount);
        if (features != 0) output.UInt32(features);
        if ((features & GlobalPoolingFeature) != 0)
        {
            output.Int32(shape.GlobalPoolingInterval);
            output.Int32(shape.GlobalPoolingChannels);
        }
        output.Int32(Metadata.Generation);
        output.Int64(Metadata.TrainingSteps);
        output.Int64(Metadata.GamesSeen);
        output.Int64(Metadata.CreatedUtc.Ticks);
        output.String(Metadata.ParentName);
        output.String(Metadata.ParentSha256);
        output.String(Metadata.Notes);
        foreach (var tensor in Weights.Tensors) output.Floats(tensor);
        output.UInt32((uint)OptimizerState.Count);
        foreach (var tensor in OptimizerState)
        {
            output.String(tensor.Name);
            output.Int64(tensor.Values.Length);
            output.Floats(tensor.Values);
        }
        file.Write(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reads a checkpoint; with <paramref name="expectedShape"/>, also refuses one of another architecture. Every
    /// problem, a missing file included, throws <see cref="CheckpointFormatException"/> naming the path.
    /// </summary>
    public static Checkpoint Load(string path, NetworkShape? expectedShape = null)
    {
        try
        {
            using var file = InputFile.OpenRead(path, bufferSize: 1 << 16);
            // The hash is checked in a first pass and the content parsed in a second: a pipe cannot be read twice.
            if (!file.CanSeek) throw new CheckpointFormatException(path, "not a regular file: a checkpoint is read from a file, not a pipe");
            CheckMagicAndVersion(file, path);
            CheckHash(file, path);
            file.Seek(0, SeekOrigin.Begin);
            return Parse(new Reader(file, file.Length - HashSize, path), expectedShape);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFormatException(path, InputFile.ReasonOf(e), e);
        }
    }

    private static void CheckMagicAndVersion(FileStream file, string path)
    {
        Span<byte> start = stackalloc byte[12];
        int got = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (!HasMagic(start[..got]))
        {
            string what = got == 0 ? "the file is empty"
                : LeelaZeroFormat.IsGzip(start[..got]) || char.IsAsciiDigit((char)start[0]) ? "it looks like Leela Zero weights"
                : $"it starts with {Convert.ToHexString(start[..Math.Min(got, 8)])}";
            throw new CheckpointFormatException(path, $"not a GoZero checkpoint ({what}; a checkpoint starts with \"GZNET\")");
        }
        if (got < start.Length) throw new CheckpointFormatException(path, $"truncated: the file is {got} bytes, its header alone is {HeaderSize}");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(start[8..]);
        if (version is not (PolicyValueVersion or FormatVersion))
            throw new CheckpointFormatException(path, $"checkpoint format version {version} is not supported (this GoZero reads versions {PolicyValueVersion} and {FormatVersion})");
    }

    /// <summary>The hash first, so that a damaged file is called damaged rather than whatever its damage looks like.</summary>
    private static void CheckHash(FileStream file, string path)
    {
        long length = file.Length;
        if (length < HeaderSize + FixedMetadataSize + 4 + HashSize)
            throw new CheckpointFormatException(path, $"truncated: the file is {length} bytes, shorter than any checkpoint");
        file.Seek(0, SeekOrigin.Begin);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long left = length - HashSize; left > 0;)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new CheckpointFormatException(path, "the file shrank while it was read");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        Span<byte> stored = stackalloc byte[HashSize];
        file.ReadExactly(stored);
        if (hash.GetHashAndReset().AsSpan().SequenceEqual(stored)) return;
        long minimum = MinimumLength(file);
        string why = length < minimum
            ? $"truncated or corrupt: the file is {length} bytes, a checkpoint of the shape in its header is at least {minimum}"
            : "corrupt or truncated";
        throw new CheckpointFormatException(path, $"{why} (the SHA-256 of its content disagrees with the one stored at its end)");
    }

    /// <summary>The smallest file the header's parameter count allows (empty strings, no optimizer state); 0 if it is unreadable.</summary>
    private static long MinimumLength(FileStream file)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        file.Seek(0, SeekOrigin.Begin);
        if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize) return 0;
        long parameters = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        if (parameters < 0 || parameters > long.MaxValue / 8) return 0;
        int features = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) == PolicyValueVersion ? 0 : 4;
        return HeaderSize + features + FixedMetadataSize + 4 * parameters + 4 + HashSize;
    }

    private static uint FeaturesOf(NetworkShape shape) =>
        (shape.AuxiliaryHeads ? AuxiliaryHeadsFeature : 0) | (shape.GlobalPooling ? GlobalPoolingFeature : 0);

    /// <summary>The format version a network of this shape is saved in: 1 without features, else 2.</summary>
    public static uint VersionOf(NetworkShape shape) => FeaturesOf(shape) == 0 ? PolicyValueVersion : FormatVersion;

    private static Checkpoint Parse(Reader input, NetworkShape? expectedShape)
    {
        input.Skip(Magic.Length);
        uint version = input.UInt32();
        int board = input.Int32(), blocks = input.Int32(), filters = input.Int32();
        long parameters = input.Int64();
        uint features = version == PolicyValueVersion ? 0 : input.UInt32();
        if ((features & ~KnownFeatures) != 0)
            throw input.Error($"its features 0x{features:X} name one this GoZero does not know (it knows 0x{AuxiliaryHeadsFeature:X}, the ownership and score heads, and 0x{GlobalPoolingFeature:X}, global pooling)");
        bool pooling = (features & GlobalPoolingFeature) != 0;
        int poolingInterval = pooling ? input.Int32() : 0, pooledChannels = pooling ? input.Int32() : 0;
        if (pooling && poolingInterval == 0) throw input.Error("its global pooling feature is set with an interval of 0");
        NetworkShape shape;
        try
        {
            shape = new NetworkShape(board, blocks, filters)
            {
                AuxiliaryHeads = (features & AuxiliaryHeadsFeature) != 0,
                GlobalPoolingInterval = poolingInterval,
                GlobalPoolingChannels = pooledChannels,
            }.Validated();
        }
        catch (ArgumentException e)
        {
            throw input.Error($"no network has the shape in its header: {e.Message}");
        }
        if (expectedShape is not null && shape != expectedShape)
            throw input.Error($"it holds a {shape} network, not the {expectedShape} one expected");

        // Every size the header claims is checked against the file before anything of that size is allocated: a
        // small file with a good hash must not make the reader allocate an 80×1024 network.
        long expectedParameters = NetworkWeights.ParameterCount(shape);
        if (parameters != expectedParameters)
            throw input.Error($"its header counts {parameters} parameters; a {shape} network has {expectedParameters}");
        if (parameters > input.Remaining / 4)
            throw input.Error($"its header counts {parameters} parameters ({4 * parameters} bytes), more than the file's {input.Remaining} bytes left");
        var weights = new NetworkWeights(shape);

        CheckpointMetadata metadata;
        try
        {
            int generation = input.Int32();
            long steps = input.Int64(), games = input.Int64(), ticks = input.Int64();
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) throw input.Error($"creation time {ticks} is out of range");
            metadata = new CheckpointMetadata(generation, steps, games, new DateTime(ticks, DateTimeKind.Utc),
                input.String(), input.String(), input.String()).Validated();
        }
        catch (ArgumentException e)
        {
            throw input.Error($"its metadata is invalid: {e.Message}");
        }

        foreach (var tensor in weights.Tensors) input.Floats(tensor);

        uint count = input.UInt32();
        var optimizer = new List<NamedTensor>();
        for (uint i = 0; i < count; i++)
        {
            string name = input.String();
            long length = input.Int64();
            if (length < 0 || length > input.Remaining / 4)
                throw input.Error($"optimizer tensor '{name}' has {length} values, more than the file holds");
            var values = new float[length];
            input.Floats(values);
            optimizer.Add(new NamedTensor(name, values));
        }
        if (input.Remaining != 0) throw input.Error($"{input.Remaining} unexpected bytes before the hash");
        try
        {
            return new Checkpoint(weights, metadata, optimizer);
        }
        catch (ArgumentException e)
        {
            throw input.Error(e.Message);
        }
    }

    /// <summary>Reads the content part of the file, every read checked against what is left of it.</summary>
    private sealed class Reader(Stream stream, long end, string path)
    {
        private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
        private readonly BufferedStream input = new(stream, 1 << 16);
        private long position;

        public long Remaining => end - position;

        public CheckpointFormatException Error(string reason) => new(path, $"at byte {position}: {reason}");

        private void Read(Span<byte> bytes)
        {
            if (bytes.Length > Remaining) throw Error($"{bytes.Length} bytes needed, {Remaining} left before the hash");
            input.ReadExactly(bytes);
            position += bytes.Length;
        }

        public void Skip(int count) => Read(stackalloc byte[count]);

        public int Int32() { Span<byte> b = stackalloc byte[4]; Read(b); return BinaryPrimitives.ReadInt32LittleEndian(b); }
        public uint UInt32() { Span<byte> b = stackalloc byte[4]; Read(b); return BinaryPrimitives.ReadUInt32LittleEndian(b); }
        public long Int64() { Span<byte> b = stackalloc byte[8]; Read(b); return BinaryPrimitives.ReadInt64LittleEndian(b); }

        public string String()
        {
            uint length = UInt32();
            if (length > Remaining) throw Error($"a string of {length} bytes is longer than the rest of the file");
            var bytes = new byte[length];
            Read(bytes);
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Error("a string is not UTF-8");
            }
        }

        public void Floats(float[] values)
        {
            Read(MemoryMarshal.AsBytes(values.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                var raw = MemoryMarshal.Cast<float, int>(values.AsSpan());
                BinaryPrimitives.ReverseEndianness(raw, raw);
            }
        }
    }

    /// <summary>Writes little-endian values to the file and into the hash.</summary>
    private sealed class HashingWriter(Stream output, IncrementalHash hash)
    {
        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            hash.AppendData(bytes);
        }

        public void Int32(int value) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, value); Bytes(b); }
        public void UInt32(uint value) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); Bytes(b); }
        public void Int64(long value) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, value); Bytes(b); }

        public void String(string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            UInt32((uint)bytes.Length);
            Bytes(bytes);
        }

        public void Floats(float[] values)
        {
            if (BitConverter.IsLittleEndian)
            {
                Bytes(MemoryMarshal.AsBytes(values.AsSpan()));
                return;
            }
            var swapped = new int[values.Length];
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(values.AsSpan()), swapped);
            Bytes(MemoryMarshal.AsBytes(swapped.AsSpan()));
        }
    }
}
