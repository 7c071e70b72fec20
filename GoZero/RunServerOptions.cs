using CommandLine;
using GoZero.SelfPlay.Distributed;

namespace GoZero.Cli;

/// <summary>
/// The NATS server of a run that workers on other machines play for, and how to sign in to it: the options of
/// <c>gozero worker</c> and <c>gozero train --server</c>, declared once. The password may come from
/// <see cref="NatsConnectionOptions.PasswordVariable"/> instead of the command line, where ps shows it to everybody.
/// </summary>
public abstract class RunServerOptions : ModelOptions
{
    [Option("user", HelpText = "The user the NATS server knows us as (with --password, or the password in GOZERO_NATS_PASSWORD).")]
    public string? User { get; set; }

    [Option("password", HelpText = "The user's password; better in the environment variable GOZERO_NATS_PASSWORD, which ps does not show.")]
    public string? Password { get; set; }

    [Option("creds", HelpText = "A NATS creds file (JWT and nkey seed) instead of a user and password.")]
    public string? Creds { get; set; }

    [Option("tls-ca", HelpText = "The certificate authority of the server's TLS certificate (turns TLS on).")]
    public string? TlsCa { get; set; }

    [Option("tls-cert", HelpText = "A TLS client certificate, for a server that verifies its clients (with --tls-key).")]
    public string? TlsCert { get; set; }

    [Option("tls-key", HelpText = "The TLS client certificate's key.")]
    public string? TlsKey { get; set; }

    [Option("tls-insecure", HelpText = "TLS without checking the server's certificate: for tests, never across a network you do not trust.")]
    public bool TlsInsecure { get; set; }

    /// <summary>The connection to <paramref name="url"/> with these credentials, or null and what is wrong with them.</summary>
    public (NatsConnectionOptions? Connection, string? Problem) Connection(string url)
    {
        string? password = Password ?? (User is null ? null : Environment.GetEnvironmentVariable(NatsConnectionOptions.PasswordVariable));
        try
        {
            return (new NatsConnectionOptions(url, User, password, Creds, TlsCa, TlsCert, TlsKey, TlsInsecure).Validated(), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"--server {url}: {e.Message}");
        }
    }
}
