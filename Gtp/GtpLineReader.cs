using System.Text;
using System.Threading.Channels;

namespace GoZero.Gtp;

/// <summary>
/// Reads the controller's lines on a thread of its own into a channel, so that the engine can search (analysis,
/// pondering) until the next line arrives and then stop. Lines end at LF only, as GTP says; a CR is left in for the
/// preprocessor to remove. A line longer than <see cref="MaxLineLength"/> is cut there (what comes back is one
/// character longer than the limit, so that the engine can tell) and the rest of it is skipped, so no input can make
/// the reader hold unbounded memory for one line.
/// </summary>
public sealed class GtpLineReader
{
    public const int MaxLineLength = 1 << 16;

    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public GtpLineReader(TextReader input)
    {
        var thread = new Thread(() => Pump(input)) { IsBackground = true, Name = "GTP input" };
        thread.Start();
    }

    /// <summary>The next line, waiting for it; null once the input has ended and every line has been read.</summary>
    public string? ReadLine()
    {
        while (true)
        {
            if (lines.Reader.TryRead(out string? line)) return line;
            if (!WaitForLine()) return null;
        }
    }

    /// <summary>Waits until a line can be read (true) or the input has ended with none left (false).</summary>
    public bool WaitForLine() => lines.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();

    private void Pump(TextReader input)
    {
        var line = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    char c = buffer[i];
                    if (c == '\n')
                    {
                        lines.Writer.TryWrite(line.ToString());
                        line.Clear();
                    }
                    else if (line.Length <= MaxLineLength)
                    {
                        line.Append(c);
                    }
                }
            }
            // A last line without its LF is still a command.
            if (line.Length > 0) lines.Writer.TryWrite(line.ToString());
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
}
