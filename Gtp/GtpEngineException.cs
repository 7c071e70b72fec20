namespace GoZero.Gtp;

/// <summary>An engine driven over GTP (<see cref="GtpClient"/>) failed: it could not be started, exited, answered past
/// its time limit, answered with a failure (<c>?</c>) or with something that is not a GTP response. The message names
/// the engine and says what happened.</summary>
public sealed class GtpEngineException(string message, Exception? inner = null) : Exception(message, inner);
