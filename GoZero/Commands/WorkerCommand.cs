using GoZero.SelfPlay.Distributed;

namespace GoZero.Cli.Commands;

/// <summary>gozero worker --server URL --run NAME: self-play for a run elsewhere, until stopped (Ctrl-C or SIGTERM).</summary>
public static class WorkerCommand
{
    public static int Run(WorkerCommandOptions options)
    {
        if (options.Workers < 1) return CommandFailure.Report($"--workers must be at least 1, not {options.Workers}", ExitCode.BadArguments);
        if (options.GamesAtOnce is < 1) return CommandFailure.Report($"--games-at-once must be at least 1, not {options.GamesAtOnce}", ExitCode.BadArguments);
        if (options.Threads < 1) return CommandFailure.Report($"--threads must be at least 1, not {options.Threads}", ExitCode.BadArguments);
        if (options.Games is < 1) return CommandFailure.Report($"--games must be at least 1, not {options.Games}", ExitCode.BadArguments);
        if (options.Placement().Problem is { } badPlacement) return CommandFailure.Report(badPlacement, ExitCode.BadArguments);
        if (PathArgument.Empty(options.Cache, "--cache", "a folder for the networks") is { } empty) return CommandFailure.Report(empty, ExitCode.BadArguments);
        try
        {
            _ = new RunServerNames(options.Run);
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report($"--run: {e.Message}", ExitCode.BadArguments);
        }
        var (connection, problem) = options.Connection(options.Server);
        if (connection is null) return CommandFailure.Report(problem!, ExitCode.BadArguments);
        string cache = options.Cache ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "gozero", "worker");
        if (PathArgument.NotAFolder(cache) is { } notAFolder) return CommandFailure.Report($"--cache {notAFolder}", ExitCode.BadArguments);

        using var interrupt = new CancellationTokenSource();
        void Stop() { interrupt.Cancel(); Console.Error.WriteLine("stopping: the chunk in progress is dropped…"); }
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; Stop(); };
        Console.CancelKeyPress += stop;
        // kill, systemd and container runtimes stop a service with SIGTERM: the same clean stop as Ctrl-C, with the
        // summary line, rather than the runtime's abrupt exit.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context => { context.Cancel = true; Stop(); });
        try
        {
            return RunAsync(options, connection, cache, interrupt.Token).GetAwaiter().GetResult();
        }
        catch (RunServerException e)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Report($"the network cache {cache}: {e.Message}", ExitCode.BadInput);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static async Task<int> RunAsync(WorkerCommandOptions options, NatsConnectionOptions connection, string cache, CancellationToken interrupt)
    {
        await using var server = await RunServer.OpenAsync(connection, options.Run, $"gozero worker on {Environment.MachineName}", interrupt);
        var log = new object();
        var worker = new SelfPlayWorker(server, cache, options.Workers, options.GamesAtOnce, options.Threads, options.CheckedPlacement,
            line => { lock (log) Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"); });
        Console.WriteLine($"worker {worker.Id} for run {options.Run} on {options.Server} (max_payload {server.MaxPayload} bytes), networks cached in {cache}");
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var playing = worker.RunAsync(enough.Token);
        while (!playing.IsCompleted)
        {
            await Task.WhenAny(playing, Task.Delay(250, CancellationToken.None));
            if (options.Games is long games && worker.Games >= games) await enough.CancelAsync();
        }
        await playing;
        Console.WriteLine(FormattableString.Invariant(
            $"stopped: {worker.Games} games in {worker.Chunks} chunks acknowledged in {clock.Elapsed.TotalSeconds:0} s ({worker.Games / clock.Elapsed.TotalHours:0} games/hour)") +
            (worker.Dropped > 0 ? $", {worker.Dropped} games dropped (over the server's max_payload)" : ""));
        return ExitCode.Success;
    }
}
