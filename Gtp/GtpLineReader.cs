using System.Text;
using System.Threading.Channels;

namespace GoZero.Gtp;

/// <summary>
/// Reads the controller's lines on a thread of its own into a channel, so that the engine can search (analysis,
/// pondering) until the next line arrives and then stop. Lines end at LF only, as GTP says; a CR is left in for the
/// preprocessor to remove. The bytes are split at LF before they are decoded (as UTF-8, anything invalid replaced):
/// LF is never part of a longer UTF-8 sequence, and reading bytes returns whatever the pipe holds, where a
/// StreamReader asked for a buffer of characters may wait for more input than the controller has sent. A line longer
/// than <see cref="MaxLineLength"/> bytes is cut there, and the rest of it is skipped, so no input can make the reader hold
/// unbounded memory for one line; it is marked <see cref="InputLine.TooLong"/> when the cut took part of its command.
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
        var line = new LineInProgress();
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
                    line.Append(buffer.AsSpan(start, i - start));
                    lines.Writer.TryWrite(line.Complete());
                    start = i + 1;
                }
                line.Append(buffer.AsSpan(start, read - start));
            }
            // A last line without its LF is still a command.
            if (!line.IsEmpty) lines.Writer.TryWrite(line.Complete());
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

    /// <summary>
    /// The bytes of the line being read, kept up to the limit. Past the limit the bytes are only looked at: the line is
    /// too long only when a byte of its command — not blank (GTP's preprocessing removes control characters, and a
    /// blank line is no command) and before the first '#' (the rest is a comment) — lies past the limit. So a long
    /// comment or a long run of blanks is read as the short line it means, and gets no answer, as GTP wants for them.
    /// </summary>
    private sealed class LineInProgress
    {
        private readonly MemoryStream kept = new();
        private long length;
        private bool inComment;
        private bool commandPastLimit;

        public bool IsEmpty => length == 0;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            int room = (int)Math.Max(0, MaxLineLength - length);
            if (room > 0) kept.Write(bytes[..Math.Min(room, bytes.Length)]);
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                if (b == (byte)'#') inComment = true;
                else if (!inComment && length + i >= MaxLineLength && b > (byte)' ' && b != 0x7F) commandPastLimit = true;
            }
            length += bytes.Length;
        }

        public InputLine Complete()
        {
            var line = new InputLine(Utf8.GetString(kept.GetBuffer(), 0, (int)kept.Length), commandPastLimit);
            kept.SetLength(0);
            length = 0;
            inComment = commandPastLimit = false;
            return line;
        }
    }
}
