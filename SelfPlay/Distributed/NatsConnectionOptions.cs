using NATS.Client.Core;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// Where the run's NATS server is and how to prove who we are to it: a URL, then a user and password or an nkey/JWT
/// creds file, and TLS files. Passed through to NATS.Net as they are; the server decides what it accepts.
/// </summary>
/// <param name="Url">nats://HOST:PORT or tls://HOST:PORT (4222 is NATS's port).</param>
/// <param name="User">A user of the server's authorization block, with <paramref name="Password"/>.</param>
/// <param name="CredsFile">A creds file (JWT and nkey seed) for decentralised authentication.</param>
/// <param name="TlsCa">The certificate authority that signed the server's certificate.</param>
/// <param name="TlsCert">A client certificate, for servers that verify clients (with <paramref name="TlsKey"/>).</param>
/// <param name="TlsInsecure">Accept any server certificate: for tests only.</param>
public sealed record NatsConnectionOptions(
    string Url,
    string? User = null,
    string? Password = null,
    string? CredsFile = null,
    string? TlsCa = null,
    string? TlsCert = null,
    string? TlsKey = null,
    bool TlsInsecure = false)
{
    /// <summary>The environment variable a password may come from instead of the command line, where every user of
    /// the machine could read it (ps).</summary>
    public const string PasswordVariable = "GOZERO_NATS_PASSWORD";

    private static readonly string[] Schemes = ["nats", "tls", "ws", "wss"];

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong: a URL that is not nats://HOST[:PORT], a
    /// password without a user, a file that does not exist, a key without its certificate.</summary>
    public NatsConnectionOptions Validated()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme) || uri.Host.Length == 0)
            throw new ArgumentException($"'{Url}' is not a NATS server URL: nats://HOST:4222 (or tls://, ws://, wss://)");
        if ((User is null) != (Password is null))
            throw new ArgumentException($"a user needs a password and a password a user (the password may come from {PasswordVariable})");
        if (User is not null && CredsFile is not null)
            throw new ArgumentException("give either a user and password or a creds file, not both");
        if ((TlsCert is null) != (TlsKey is null))
            throw new ArgumentException("a TLS client certificate needs its key, and a key its certificate");
        foreach (var (file, what) in new[] { (CredsFile, "creds file"), (TlsCa, "TLS CA file"), (TlsCert, "TLS certificate"), (TlsKey, "TLS key") })
            if (file is not null && !File.Exists(file))
                throw new ArgumentException($"the {what} {file} does not exist");
        return this;
    }

    /// <summary>NATS.Net's options: reconnecting for ever (a worker outlives a server restart), the client named so
    /// that the server's monitoring says who is connected.</summary>
    public NatsOpts ToNatsOpts(string clientName)
    {
        var auth = NatsAuthOpts.Default with { Username = User, Password = Password, CredsFile = CredsFile };
        bool tls = TlsCa is not null || TlsCert is not null || TlsInsecure || Url.StartsWith("tls://", StringComparison.OrdinalIgnoreCase);
        var tlsOpts = tls
            ? NatsTlsOpts.Default with { Mode = TlsMode.Require, CaFile = TlsCa, CertFile = TlsCert, KeyFile = TlsKey, InsecureSkipVerify = TlsInsecure }
            : NatsTlsOpts.Default;
        return NatsOpts.Default with
        {
            Url = Url,
            Name = clientName,
            AuthOpts = auth,
            TlsOpts = tlsOpts,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
    }
}
