using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace GoZero.Gtp.Tests;

/// <summary>
/// The real <c>gozero gtp</c>, started as a process from the gozero.dll the project reference puts beside the tests
/// (<c>dotnet gozero.dll gtp …</c>), in a temporary working folder of its own. Standard output and error are read on
/// threads of their own, so the engine never blocks on a full pipe; every read has a timeout, so a hung engine fails
/// the test instead of hanging it.
/// </summary>
public sealed class GtpProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly BlockingCollection<string> lines = [];
    private readonly StringBuilder error = new();

    /// <summary>Starts <c>gozero gtp ARGUMENTS</c>.</summary>
    public GtpProcess(params string[] arguments) : this(null, arguments)
    {
    }

    /// <summary>Starts <c>gozero gtp ARGUMENTS</c> and sets an N×N board, as most tests begin.</summary>
    public static GtpProcess OnBoard(int size, params string[] arguments)
    {
        var gtp = new GtpProcess(arguments);
        gtp.Ok($"boardsize {size}");
        return gtp;
    }

    /// <summary>Starts another GTP engine: <paramref name="program"/> ARGUMENTS (GNU Go).</summary>
    public static GtpProcess OtherEngine(string program, params string[] arguments) => new(program, arguments);

    private GtpProcess(string? program, string[] arguments)
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("gozero-gtp-test-").FullName;
        process = program is null ? Start(["gtp", .. arguments], WorkingDirectory) : StartProgram(program, arguments, WorkingDirectory);
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null) lines.Add(line);
            lines.CompleteAdding();
        }) { IsBackground = true };
        reader.Start();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginErrorReadLine();
    }

    public string WorkingDirectory { get; }

    public string Error { get { lock (error) return error.ToString(); } }

    /// <summary>Waits until standard error holds <paramref name="text"/> (it is read asynchronously, so a line the engine
    /// wrote before its last response may still be on its way); fails the test after the timeout.</summary>
    public void AssertErrorContains(string text, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, $"stderr never said '{text}':\n{Error}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Starts <c>dotnet gozero.dll ARGS</c> with standard input, output and error redirected.</summary>
    public static Process Start(IEnumerable<string> arguments, string workingDirectory)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "gozero.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references GoZero so that it is built beside the tests");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return StartProgram(dotnet, [dll, .. arguments], workingDirectory);
    }

    private static Process StartProgram(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Writes text as it is (no LF added).</summary>
    public void Write(string text)
    {
        process.StandardInput.Write(text);
        process.StandardInput.Flush();
    }

    public void Send(string line) => Write(line + "\n");

    /// <summary>Sends a command and reads its response.</summary>
    public GtpResponse Ask(string line, TimeSpan? timeout = null)
    {
        Send(line);
        return ReadResponse(timeout);
    }

    /// <summary>Sends a command that must succeed and returns its body.</summary>
    public string Ok(string line, TimeSpan? timeout = null)
    {
        var response = Ask(line, timeout);
        Assert.True(response.Success, $"'{line}' failed: {response}\nstderr:\n{Error}");
        return response.Body;
    }

    /// <summary>Sends a command that must fail and returns its message.</summary>
    public string Fails(string line)
    {
        var response = Ask(line);
        Assert.False(response.Success, $"'{line}' succeeded: {response}");
        return response.Body;
    }

    public string ReadLine(TimeSpan? timeout = null)
    {
        if (!lines.TryTake(out string? line, timeout ?? DefaultTimeout))
            throw new TimeoutException($"no line from the engine within {(timeout ?? DefaultTimeout).TotalSeconds} s (exited: {process.HasExited})\nstderr:\n{Error}");
        return line;
    }

    public bool TryReadLine(TimeSpan timeout, out string? line) => lines.TryTake(out line, timeout);

    public GtpResponse ReadResponse(TimeSpan? timeout = null)
    {
        string first = ReadLine(timeout);
        Assert.True(first.Length > 0 && first[0] is '=' or '?', $"a response starts with = or ?, not '{first}'");
        int digits = 1;
        while (digits < first.Length && char.IsAsciiDigit(first[digits])) digits++;
        string? id = digits > 1 ? first[1..digits] : null;
        var body = new StringBuilder(first[digits..].TrimStart(' '));
        string line;
        while ((line = ReadLine(timeout)).Length > 0) body.Append('\n').Append(line);
        return new GtpResponse(first[0] == '=', id, body.ToString());
    }

    /// <summary>Closes standard input and waits for the process to end; its exit code.</summary>
    public int CloseAndWait(TimeSpan? timeout = null)
    {
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(timeout ?? DefaultTimeout), "the engine did not exit after its input ended");
        return process.ExitCode;
    }

    public bool HasExited => process.HasExited;

    public int WaitForExit(TimeSpan? timeout = null)
    {
        Assert.True(process.WaitForExit(timeout ?? DefaultTimeout), "the engine did not exit");
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        try { Directory.Delete(WorkingDirectory, recursive: true); }
        catch (IOException) { }
    }
}
