namespace GoZero.Gtp;

/// <summary>
/// A search that goes on between commands — <c>lz-analyze</c> or pondering — until the controller's next line arrives:
/// then <see cref="Stop"/> cancels it, waits for it to end and writes <see cref="Ending"/> (the empty line that ends an
/// analysis response; nothing after pondering).
/// </summary>
public sealed class BackgroundSearch
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Task task;

    public BackgroundSearch(Action<CancellationToken> search, string ending)
    {
        Ending = ending;
        task = Task.Factory.StartNew(() => search(cancellation.Token), cancellation.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Ending { get; }

    /// <summary>Cancels the search and waits for it; the search's failure, if it failed, is returned to be logged.</summary>
    public Exception? Stop()
    {
        cancellation.Cancel();
        try
        {
            task.Wait();
            return null;
        }
        catch (AggregateException e)
        {
            return e.InnerException is OperationCanceledException ? null : e.InnerException ?? e;
        }
        finally
        {
            cancellation.Dispose();
        }
    }
}
