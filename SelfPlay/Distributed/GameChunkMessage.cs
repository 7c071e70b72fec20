using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// A chunk of self-play games as a worker publishes it to the run's stream (docs/formats.md, "Game chunk message"):
/// the magic "GZGAMES\n", a version, a JSON header (message id, board size, the network's SHA-256, each game's summary
/// and SGF), then the games' training samples as a chunk file, byte for byte what <see cref="TrainingChunkWriter"/>
/// writes (its own SHA-256 included). The trainer stores the chunk and the SGFs as they came, so a game received is
/// the same files in the run folder as a game played in-process.
/// </summary>
public sealed record GameChunkMessage(string MessageId, int BoardSize, string NetworkSha256, IReadOnlyList<GameChunkMessage.Game> Games, byte[] Chunk)
{
    /// <summary>One game of the chunk: its counts for the run's statistics and its record.</summary>
    public sealed record Game(SelfPlayGameSummary Summary, string Sgf);

    public const uint FormatVersion = 1;

    /// <summary>The most bytes a header may have: 16 MiB, far above what a chunk's SGFs take.</summary>
    public const int MaxHeaderBytes = 16 << 20;

    public static ReadOnlySpan<byte> Magic => "GZGAMES\n"u8;

    private const int PrefixSize = 8 + 4 + 4;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Header(string MessageId, int BoardSize, string NetworkSha256, List<Game> Games);

    /// <summary>The id of a worker's chunk <paramref name="sequence"/>: the stream drops a message whose id it has
    /// seen within its duplicate window, and the trainer stores a chunk once per id (the id names its file), so a
    /// chunk sent again is never stored twice.</summary>
    public static string IdOf(string worker, long sequence) => $"{worker}-{sequence:D8}";

    /// <summary>Whether <paramref name="id"/> has the shape of <see cref="IdOf"/> with a worker id of
    /// <see cref="SelfPlayWorker.NewWorkerId"/>: 12 lower-case hex digits, '-', 8 to 19 decimal digits. Nothing else
    /// may name a file in the run folder.</summary>
    public static bool IsMessageId(string id) =>
        id.Length is >= 21 and <= 32 && id[12] == '-' && id[..12].All(char.IsAsciiHexDigitLower) && id[13..].All(char.IsAsciiDigit);

    /// <summary>The message of <paramref name="records"/>: their samples written as a chunk through a scratch file in
    /// <paramref name="scratchFolder"/>, their records as SGF.</summary>
    public static GameChunkMessage Of(string messageId, int boardSize, string networkSha256, IReadOnlyList<SelfPlayRecord> records, string scratchFolder)
    {
        Directory.CreateDirectory(scratchFolder);
        string path = Path.Combine(scratchFolder, messageId + TrainingChunk.Extension);
        try
        {
            using (var chunk = new TrainingChunkWriter(path, boardSize))
            {
                foreach (var record in records)
                    foreach (var sample in SelfPlayWriter.Samples(record)) chunk.Append(sample);
                chunk.Complete();
            }
            var games = records.Select(r => new Game(SelfPlayGameSummary.Of(r), SgfWriter.Write(SelfPlayWriter.ToSgf(r)))).ToList();
            return new GameChunkMessage(messageId, boardSize, networkSha256, games, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public byte[] Encode()
    {
        byte[] header = JsonSerializer.SerializeToUtf8Bytes(new Header(MessageId, BoardSize, NetworkSha256, [.. Games]), Json);
        var body = new byte[PrefixSize + header.Length + Chunk.Length];
        Magic.CopyTo(body);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)header.Length);
        header.CopyTo(body, PrefixSize);
        Chunk.CopyTo(body, PrefixSize + header.Length);
        return body;
    }

    /// <summary>Reads a message's body. Anything but a message GoZero wrote — too short, another magic or version, a
    /// header that is not the JSON above, an id of another shape, no games, an empty SGF, no chunk — is an
    /// <see cref="InvalidDataException"/> saying why. The chunk and the SGFs themselves are checked where they are
    /// stored (<see cref="SelfPlayWriter.Store"/>).</summary>
    public static GameChunkMessage Decode(ReadOnlySpan<byte> body)
    {
        InvalidDataException Bad(string why, Exception? inner = null) => new($"not a game chunk message: {why}", inner);
        if (body.Length < PrefixSize || !body[..8].SequenceEqual(Magic)) throw Bad("it does not start with GZGAMES");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
        if (version != FormatVersion) throw Bad($"version {version}; this GoZero reads version {FormatVersion}");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
        if (headerLength > MaxHeaderBytes || headerLength > body.Length - PrefixSize) throw Bad($"a header of {headerLength} bytes in a body of {body.Length}");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(body.Slice(PrefixSize, (int)headerLength), Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw Bad($"its header: {JsonFileError.Reason(e)}", e);
        }
        if (header.MessageId is null || !IsMessageId(header.MessageId)) throw Bad($"'{header.MessageId}' is not a message id");
        if (header.BoardSize is < BoardGeometry.MinSize or > BoardGeometry.MaxSize) throw Bad($"board size {header.BoardSize}");
        if (header.Games is not { Count: > 0 } || header.Games.Any(g => g?.Summary is null || string.IsNullOrEmpty(g.Sgf)))
            throw Bad("it holds no games, or a game without its summary or record");
        byte[] chunk = body[(PrefixSize + (int)headerLength)..].ToArray();
        if (chunk.Length == 0) throw Bad("it has no training samples");
        return new GameChunkMessage(header.MessageId, header.BoardSize, header.NetworkSha256 ?? "", header.Games, chunk);
    }
}
