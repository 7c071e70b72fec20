using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GoZero.Gtp.Tests;

/// <summary>
/// The real <c>gozero gtp</c>, started as a process from the gozero.dll the project reference puts beside the tests
/// (<c>dotnet gozero.dll gtp …</c>), in a temporary working folder of its own, and driven through the controller's
/// <see cref="GtpClient"/> that matches use. Every read has a timeout, so a hung engine fails the test instead of
/// hanging it; what the engine writes to stderr is kept whole for the assertions.
/// </summary>
public sealed class GtpProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly GtpClient client;
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
        client = program is null
            ? StartGoZero(["gtp", .. arguments], WorkingDirectory, KeepError)
            : GtpClient.Start(program, arguments, WorkingDirectory, KeepError);
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

    /// <summary>Runs <c>gozero ARGUMENTS</c> in <paramref name="workingDirectory"/> to its end with no input; its exit
    /// code and standard error.</summary>
    public static (int ExitCode, string Error) RunToEnd(string workingDirectory, params string[] arguments)
    {
        var error = new StringBuilder();
        using var gozero = StartGoZero(arguments, workingDirectory, line => { lock (error) error.AppendLine(line); });
        gozero.CloseInput();
        Assert.True(gozero.WaitForExit(DefaultTimeout), $"gozero {string.Join(' ', arguments)} did not exit after its input ended");
        lock (error) return (gozero.ExitCode, error.ToString());
    }

    /// <summary>Starts <c>dotnet gozero.dll ARGS</c>.</summary>
    private static GtpClient StartGoZero(IEnumerable<string> arguments, string workingDirectory, Action<string> errorLine)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "gozero.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references GoZero so that it is built beside the tests");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return GtpClient.Start(dotnet, [dll, .. arguments], workingDirectory, errorLine);
    }

    private void KeepError(string line)
    {
        lock (error) error.AppendLine(line);
    }

    /// <summary>Writes text as it is (no LF added).</summary>
    public void Write(string text) => client.Write(text);

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

    public string ReadLine(TimeSpan? timeout = null) => WithError(() => client.ReadLine(timeout ?? DefaultTimeout));

    public bool TryReadLine(TimeSpan timeout, [NotNullWhen(true)] out string? line) => client.TryReadLine(timeout, out line);

    public GtpResponse ReadResponse(TimeSpan? timeout = null) => WithError(() => client.ReadResponse(timeout ?? DefaultTimeout));

    /// <summary>Closes standard input and waits for the process to end; its exit code.</summary>
    public int CloseAndWait(TimeSpan? timeout = null)
    {
        client.CloseInput();
        Assert.True(client.WaitForExit(timeout ?? DefaultTimeout), "the engine did not exit after its input ended");
        return client.ExitCode;
    }

    public bool HasExited => client.HasExited;

    public int WaitForExit(TimeSpan? timeout = null)
    {
        Assert.True(client.WaitForExit(timeout ?? DefaultTimeout), "the engine did not exit");
        return client.ExitCode;
    }

    public void Dispose()
    {
        client.Dispose();
        try { Directory.Delete(WorkingDirectory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>A read that failed names the whole of stderr, not only the client's last lines.</summary>
    private T WithError<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (GtpEngineException e)
        {
            throw new GtpEngineException($"{e.Message}\nstderr:\n{Error}", e);
        }
    }
}
