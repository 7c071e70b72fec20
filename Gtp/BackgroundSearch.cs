using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// A search that goes on between commands — <c>lz-analyze</c> or pondering — until the controller's next line arrives:
/// then <see cref="Stop"/> cancels it, waits for it to end and writes <see cref="Ending"/> (the empty line that ends an
/// analysis response; nothing after pondering).
/// </summary>
public sealed class BackgroundSearch
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Task<SearchResult> task;

    /// <param name="purpose">What the search is for, as the log says it: "analysis", "pondering".</param>
    public BackgroundSearch(string purpose, Func<CancellationToken, SearchResult> search, string ending)
    {
        Purpose = purpose;
        Ending = ending;
        task = Task.Factory.StartNew(() => search(cancellation.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Purpose { get; }

    public string Ending { get; }

    /// <summary>Cancels the search and waits for it: its result, or the exception it failed with.</summary>
    public (SearchResult? Result, Exception? Failure) Stop()
    {
        cancellation.Cancel();
        try
        {
            return (task.Result, null);
        }
        catch (AggregateException e)
        {
            return (null, e.InnerException ?? e);
        }
        finally
        {
            cancellation.Dispose();
        }
    }
}
