namespace GoZero.SelfPlay.Distributed;

/// <summary>The run's NATS server cannot be used: unreachable, refusing our credentials, or without JetStream.</summary>
public sealed class RunServerException(string message, Exception? inner = null) : Exception(message, inner);
