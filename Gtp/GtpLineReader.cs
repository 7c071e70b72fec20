using System.Text;
using System.Threading.Channels;

namespace GoZero.Gtp;

/// <summary>
/// Reads the controller's lines on a thread of its own into a channel, so that the engine can search (analysis,
/// pondering) until the next line arrives and then stop. Lines end at LF only, as GTP says; a CR is left in for the
/// preprocessor to remove. The bytes are split at LF before they are decoded (as UTF-8, anything invalid replaced):
/// LF is never part of a longer UTF-8 sequence, and reading bytes returns whatever the pipe holds, where a
/// StreamReader asked for a buffer of characters may wait for more input than the controller has sent. A line longer
/// than <see cref="MaxLineLength"/> bytes is cut there and marked <see cref="InputLine.TooLong"/>, and the rest of it is
/// skipped, so no input can make the reader hold unbounded memory for one line.
/// </summary>
public sealed class GtpLineReader
{
    public const int MaxLineLength = 1 << 16;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>A line as read: its text (without the LF), cut at the limit when <paramref name="TooLong"/>.</summary>
    public readonly record struct InputLine(string Text, bool TooLong);

    private readonly Channel<InputLine> lines = Channel.CreateUnbounded<InputLine>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public GtpLineReader(Stream input)
    {
        var thread = new Thread(() => Pump(input)) { IsBackground = true, Name = "GTP input" };
        thread.Start();
    }

    /// <summary>The next line, waiting for it; null once the input has ended and every line has been read.</summary>
    public InputLine? ReadLine()
    {
        while (true)
        {
            if (lines.Reader.TryRead(out InputLine line)) return line;
            if (!WaitForLine()) return null;
        }
    }

    /// <summary>Waits until a line can be read (true) or the input has ended with none left (false).</summary>
    public bool WaitForLine() => lines.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();

    private void Pump(Stream input)
    {
        var line = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                int start = 0;
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n') continue;
                    Append(line, buffer.AsSpan(start, i - start));
                    Emit(line);
                    start = i + 1;
                }
                Append(line, buffer.AsSpan(start, read - start));
            }
            // A last line without its LF is still a command.
            if (line.Length > 0) Emit(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The controller went away: the input ends here.
        }
        finally
        {
            lines.Writer.TryComplete();
        }
    }

    private void Emit(MemoryStream line)
    {
        bool tooLong = line.Length > MaxLineLength;
        lines.Writer.TryWrite(new InputLine(Utf8.GetString(line.GetBuffer(), 0, (int)Math.Min(line.Length, MaxLineLength)), tooLong));
        line.SetLength(0);
    }

    /// <summary>Adds bytes to the line up to one byte past the limit.</summary>
    private static void Append(MemoryStream line, ReadOnlySpan<byte> bytes)
    {
        int room = MaxLineLength + 1 - (int)line.Length;
        if (room > 0) line.Write(bytes[..Math.Min(room, bytes.Length)]);
    }
}
