using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;

namespace GoZero.Gtp;

/// <summary>
/// The controller's side of GTP v2: runs an engine as a child process and exchanges commands and responses with it
/// over its standard input and output — for matches against external engines, the Leela Zero baseline of
/// <c>gozero bench mcts</c>, and the tests that drive <c>gozero gtp</c>. Every read has a time limit, so that an
/// engine that hangs or dies becomes a <see cref="GtpEngineException"/> rather than a hung controller. Standard
/// output and error are read on threads of their own, so that a chatty engine never blocks on a full pipe; the last
/// lines of standard error are kept for error messages, and each line is also handed to the caller's
/// <c>errorLine</c>, when given, which may keep what it needs (the baseline's statistics line, a test's log).
/// </summary>
/// <remarks>
/// Responses are read as GTP v2 defines them: a response starts with <c>=</c> or <c>?</c>, an optional numeric id and
/// the text, and ends with an empty line; anything else where a response should start is an error, never skipped.
/// The one leniency, for matches against other programs only (<c>skipBlankLines</c>): empty lines before a response
/// are skipped, as the match controller always did, since a stray empty line costs nothing to read past and should
/// not forfeit a game. The tests that check GoZero's own output read strictly.
/// </remarks>
public sealed class GtpClient : IDisposable
{
    private const int StderrLinesKept = 20;
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);
    /// <summary>How long <see cref="WaitForExit"/> waits, once the process has ended, for its last output to be read.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    /// <summary>How long a failure waits, once standard output has closed, for the engine's last error lines.</summary>
    private static readonly TimeSpan ExitErrorWait = TimeSpan.FromSeconds(1);

    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<string> stderrTail = new();
    private readonly Action<string>? errorLine;
    private readonly bool skipBlankLines;
    private Thread? outputReader;
    private Thread? errorReader;
    private bool disposed;

    private GtpClient(Process process, string commandLine, Action<string>? errorLine, bool skipBlankLines)
    {
        this.process = process;
        this.errorLine = errorLine;
        this.skipBlankLines = skipBlankLines;
        CommandLine = commandLine;
    }

    /// <summary>The program and arguments the engine was started with.</summary>
    public string CommandLine { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The engine's exit code, once it has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts <paramref name="program"/> with <paramref name="arguments"/> (in <paramref name="workingDirectory"/>,
    /// else this process's); throws <see cref="GtpEngineException"/> when it cannot be started.
    /// <paramref name="errorLine"/> receives each line of the engine's standard error, on a thread of its own.
    /// <paramref name="skipBlankLines"/>: skip empty lines before a response instead of failing on them.
    /// </summary>
    public static GtpClient Start(string program, IReadOnlyList<string> arguments, string? workingDirectory = null, Action<string>? errorLine = null,
        bool skipBlankLines = false)
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
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
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
        var client = new GtpClient(process, commandLine, errorLine, skipBlankLines);
        client.StartReaders();
        return client;
    }

    /// <summary>
    /// Sends one command and returns the text of its success response (without the leading "=" and id, trimmed).
    /// Throws <see cref="GtpEngineException"/> on a failure response, a malformed one, the engine's exit, or no complete
    /// response within <paramref name="timeout"/>.
    /// </summary>
    public string Send(string command, TimeSpan timeout)
    {
        if (command.Contains('\n') || command.Contains('\r'))
            throw new ArgumentException("a GTP command is one line", nameof(command));
        Write(command + "\n", command);
        var response = ReadResponse(command, timeout);
        if (!response.Success) throw Failure($"refused '{command}': {response.Body.Trim()}");
        return response.Body.Trim();
    }

    /// <summary>Writes <paramref name="text"/> to the engine as it is, no line feed added: for a controller that
    /// tests how the engine reads its input (blank lines, comments, control characters, a last line without LF).</summary>
    public void Write(string text) => Write(text, command: null);

    /// <summary>Reads the next response, success or failure, as it is; throws <see cref="GtpEngineException"/> when
    /// none starts on the next line or none is complete within <paramref name="timeout"/>.</summary>
    public GtpResponse ReadResponse(TimeSpan timeout) => ReadResponse(command: null, timeout);

    /// <summary>Reads the next line of standard output (analysis lines come this way); throws
    /// <see cref="GtpEngineException"/> when none comes within <paramref name="timeout"/> or the engine has exited.</summary>
    public string ReadLine(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return ReadLine(command: null, timeout, deadline.Token);
    }

    /// <summary>The next line of standard output, or false when none comes within <paramref name="timeout"/> or the
    /// engine has exited and every line was read.</summary>
    public bool TryReadLine(TimeSpan timeout, [NotNullWhen(true)] out string? line)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (lines.Reader.TryRead(out line)) return true;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            line = lines.Reader.ReadAsync(deadline.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            line = null;
            return false;
        }
    }

    /// <summary>Closes the engine's standard input: end of input, which a GTP engine takes as <c>quit</c>.</summary>
    public void CloseInput()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        process.StandardInput.Close();
    }

    /// <summary>Waits for the engine to exit and its last output and error lines to be read; false when it is still
    /// running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!process.WaitForExit(timeout)) return false;
        outputReader?.Join(DrainTimeout);
        errorReader?.Join(DrainTimeout);
        return true;
    }

    /// <summary>Sends <c>quit</c> (briefly) and ends the process, with any children, if it does not exit by itself.</summary>
    public void Dispose()
    {
        if (disposed) return;
        try
        {
            if (!process.HasExited)
            {
                try { Send("quit", QuitTimeout); } catch (GtpEngineException) { }
                if (!process.WaitForExit(QuitTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
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

    private void Write(string text, string? command)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            process.StandardInput.Write(text);
            process.StandardInput.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // ObjectDisposedException: the input was closed (CloseInput); IOException: the engine closed its end.
            throw Failure(command is null ? $"could not be written to ({e.Message})" : $"could not be sent '{command}' ({e.Message})");
        }
    }

    /// <summary>One response; <paramref name="command"/>, when known, names it in the errors.</summary>
    private GtpResponse ReadResponse(string? command, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string first = ReadLine(command, timeout, deadline.Token);
        while (skipBlankLines && first.Length == 0) first = ReadLine(command, timeout, deadline.Token);
        if (first.Length == 0 || first[0] is not ('=' or '?'))
            throw Failure(command is null
                ? $"answered '{Shorten(first)}', which is not a GTP response"
                : $"answered '{command}' with '{Shorten(first)}', which is not a GTP response");
        int digits = 1;
        while (digits < first.Length && char.IsAsciiDigit(first[digits])) digits++;
        string? id = digits > 1 ? first[1..digits] : null;
        var body = new StringBuilder(first[digits..].TrimStart(' '));
        string line;
        while ((line = ReadLine(command, timeout, deadline.Token)).Length > 0) body.Append('\n').Append(line);
        return new GtpResponse(first[0] == '=', id, body.ToString());
    }

    private string ReadLine(string? command, TimeSpan timeout, CancellationToken deadline)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (lines.Reader.TryRead(out string? line)) return line;
        try
        {
            return lines.Reader.ReadAsync(deadline).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw Failure(command is null
                ? $"gave no line within {timeout.TotalSeconds:0.#} s"
                : $"gave no answer to '{command}' within {timeout.TotalSeconds:0.#} s");
        }
        catch (ChannelClosedException)
        {
            // Standard error is a pipe of its own: let its last lines, which say why, arrive before they are quoted.
            errorReader?.Join(ExitErrorWait);
            throw Failure(command is null ? "exited" : $"exited while answering '{command}'");
        }
    }

    private void StartReaders()
    {
        outputReader = new Thread(() =>
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
        errorReader = new Thread(() =>
        {
            try
            {
                while (process.StandardError.ReadLine() is { } line)
                {
                    lock (stderrTail)
                    {
                        stderrTail.Enqueue(line);
                        if (stderrTail.Count > StderrLinesKept) stderrTail.Dequeue();
                    }
                    errorLine?.Invoke(line);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // As above: the engine is gone.
            }
        }) { IsBackground = true, Name = "GTP engine stderr" };
        outputReader.Start();
        errorReader.Start();
    }

    private GtpEngineException Failure(string what)
    {
        string tail;
        lock (stderrTail) tail = stderrTail.Count == 0 ? "" : " (its last error output: " + Shorten(string.Join(" | ", stderrTail)) + ")";
        return new GtpEngineException($"GTP engine '{CommandLine}' {what}{tail}");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
