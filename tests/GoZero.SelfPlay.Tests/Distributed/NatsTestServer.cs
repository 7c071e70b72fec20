using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GoZero.SelfPlay.Tests.Distributed;

/// <summary>
/// A real nats-server with JetStream on a loopback port, its store in a temporary folder that outlives a kill, so a
/// test can kill the server and start it again on the same port and store. The binary is found on PATH, then in
/// /usr/sbin (Debian's nats-server package); where there is none the test fails saying so — CI installs it (.ci/run).
/// </summary>
public sealed class NatsTestServer : IDisposable
{
    private readonly string storeFolder = Path.Combine(Path.GetTempPath(), "gozero-nats-" + Guid.NewGuid().ToString("N"));
    private readonly int port;
    private readonly string binary;
    private readonly int? maxPayload;
    private readonly (string User, string Password)? login;
    private Process? process;

    private NatsTestServer(string binary, int port, int? maxPayload, (string, string)? login)
    {
        this.binary = binary;
        this.port = port;
        this.maxPayload = maxPayload;
        this.login = login;
        Directory.CreateDirectory(storeFolder);
        Launch();
    }

    public string Url => $"nats://127.0.0.1:{port}";

    /// <summary>Starts a server of the test's own; <paramref name="maxPayload"/> sets its max_payload (default 1 MiB),
    /// <paramref name="login"/> the one user it lets in (default: anybody).</summary>
    public static NatsTestServer Start(int? maxPayload = null, (string User, string Password)? login = null) =>
        new(FindBinary(), FreePort(), maxPayload, login);

    public static string FindBinary()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Select(folder => Path.Combine(folder, "nats-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nats-server is not installed (neither on PATH nor in /usr/sbin): the distributed self-play tests run " +
                                                   "against a real NATS server. Install it (Debian/Ubuntu: sudo apt-get install nats-server; .ci/run does this on CI).");
    }

    /// <summary>Kills the server at once, as a crash would: no flush, no goodbye to the clients.</summary>
    public void Kill()
    {
        if (process is null) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    /// <summary>Starts the server again on the same port, with the same store.</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", storeFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (login is var (user, password))
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--pass");
            start.ArgumentList.Add(password);
        }
        if (maxPayload is int max)
        {
            // max_payload has no command-line flag: a config file of that one line.
            string config = Path.Combine(storeFolder, "nats.conf");
            File.WriteAllText(config, $"max_payload: {max}\n");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(config);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int free = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(storeFolder, recursive: true); } catch (IOException) { }
    }
}
