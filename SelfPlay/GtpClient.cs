using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace GoZero.SelfPlay;

/// <summary>
/// The controller's side of GTP v2: runs an external engine as a child process and exchanges commands and responses
/// with it over its standard input and output. Every command has a time limit, so that an engine that hangs or dies
/// becomes a <see cref="GtpEngineException"/> rather than a hung match. The engine's standard error is drained (and
/// kept, last lines only, for error messages) so that a chatty engine never blocks on a full pipe.
/// </summary>
public sealed class GtpClient : IDisposable
{
    private const int StderrLinesKept = 20;

    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<string> stderrTail = new();
    private bool disposed;

    private GtpClient(Process process, string commandLine)
    {
        this.process = process;
        CommandLine = commandLine;
    }

    /// <summary>The program and arguments the engine was started with.</summary>
    public string CommandLine { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>; throws
    /// <see cref="GtpEngineException"/> when it cannot be started.</summary>
    public static GtpClient Start(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        string commandLine = string.Join(' ', [program, .. arguments]);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GtpEngineException($"GTP engine '{commandLine}' could not be started");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            throw new GtpEngineException($"GTP engine '{commandLine}' could not be started: {e.Message}", e);
        }
        var client = new GtpClient(process, commandLine);
        client.StartReaders();
        return client;
    }

    /// <summary>
    /// Sends one command and returns the text of its success response (without the leading "= "). Throws
    /// <see cref="GtpEngineException"/> on a failure response, a malformed one, the engine's exit, or no complete
    /// response within <paramref name="timeout"/>.
    /// </summary>
    public string Send(string command, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (command.Contains('\n') || command.Contains('\r'))
            throw new ArgumentException("a GTP command is one line", nameof(command));
        try
        {
            process.StandardInput.Write(command);
            process.StandardInput.Write('\n');
            process.StandardInput.Flush();
        }
        catch (IOException e)
        {
            throw Failure($"could not be sent '{command}' ({e.Message})");
        }
        return ReadResponse(command, timeout);
    }

    /// <summary>Sends <c>quit</c> (briefly) and ends the process if it does not exit by itself.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                try { Send("quit", TimeSpan.FromSeconds(2)); } catch (GtpEngineException) { }
                if (!process.WaitForExit(2000)) process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or ObjectDisposedException)
        {
            // The process is gone already: nothing is left to end.
        }
        finally
        {
            disposed = true;
            process.Dispose();
        }
    }

    private string ReadResponse(string command, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var response = new StringBuilder();
        bool started = false, failed = false;
        while (true)
        {
            string line;
            try
            {
                line = ReadLine(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw Failure($"gave no answer to '{command}' within {timeout.TotalSeconds:0.#} s");
            }
            catch (ChannelClosedException)
            {
                throw Failure($"exited while answering '{command}'");
            }
            line = line.TrimEnd('\r');
            if (!started)
            {
                if (line.Trim().Length == 0) continue;
                if (line[0] is not ('=' or '?'))
                    throw Failure($"answered '{command}' with '{Shorten(line)}', which is not a GTP response");
                started = true;
                failed = line[0] == '?';
                response.Append(StripId(line));
                continue;
            }
            if (line.Length == 0) break;
            response.Append('\n').Append(line);
        }
        string text = response.ToString().Trim();
        if (failed) throw Failure($"refused '{command}': {text}");
        return text;
    }

    private string ReadLine(CancellationToken cancellation)
    {
        if (lines.Reader.TryRead(out string? line)) return line;
        return lines.Reader.ReadAsync(cancellation).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Removes "=" or "?" and the optional numeric id from a response's first line.</summary>
    private static string StripId(string line)
    {
        int i = 1;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        return line[i..];
    }

    private void StartReaders()
    {
        var output = new Thread(() =>
        {
            try
            {
                while (process.StandardOutput.ReadLine() is { } line) lines.Writer.TryWrite(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The pipe closed under us: the engine is gone, which the closed channel reports.
            }
            finally
            {
                lines.Writer.TryComplete();
            }
        }) { IsBackground = true, Name = "GTP engine stdout" };
        var error = new Thread(() =>
        {
            try
            {
                while (process.StandardError.ReadLine() is { } line)
                    lock (stderrTail)
                    {
                        stderrTail.Enqueue(line);
                        if (stderrTail.Count > StderrLinesKept) stderrTail.Dequeue();
                    }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // As above: the engine is gone.
            }
        }) { IsBackground = true, Name = "GTP engine stderr" };
        output.Start();
        error.Start();
    }

    private GtpEngineException Failure(string what)
    {
        string tail;
        lock (stderrTail) tail = stderrTail.Count == 0 ? "" : " (its last error output: " + Shorten(string.Join(" | ", stderrTail)) + ")";
        return new GtpEngineException($"GTP engine '{CommandLine}' {what}{tail}");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
