using System.Text;

namespace GoZero.Gtp;

/// <summary>
/// The engine's side of stdout. Every write takes one lock and is flushed, so that an analysis line written from a
/// search thread and a response written by the command loop never mix within a line. A controller that has gone away
/// (a closed pipe) makes <see cref="IsClosed"/> true rather than throwing into the engine.
/// </summary>
public sealed class GtpOutput(TextWriter writer)
{
    private readonly object gate = new();

    public bool IsClosed { get; private set; }

    /// <summary>Writes a whole response: <c>=id body</c> or <c>?id body</c>, then the empty line that ends it. The
    /// body's own empty lines are dropped, since an empty line would end the response early.</summary>
    public void Respond(string? id, bool success, string body)
    {
        var text = new StringBuilder();
        text.Append(success ? '=' : '?').Append(id);
        string cleaned = WithoutEmptyLines(body);
        if (cleaned.Length > 0) text.Append(' ').Append(cleaned);
        text.Append("\n\n");
        Write(text.ToString());
    }

    /// <summary>Writes text as it is: the pieces of a multi-line analysis response.</summary>
    public void Write(string text)
    {
        lock (gate)
        {
            if (IsClosed) return;
            try
            {
                writer.Write(text);
                writer.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                IsClosed = true;
            }
        }
    }

    private static string WithoutEmptyLines(string body)
    {
        if (!body.Contains("\n\n", StringComparison.Ordinal) && !body.EndsWith('\n')) return body;
        // A leading newline is kept: showboard starts its diagram on a line of its own, as GNU Go does.
        var lines = body.Split('\n');
        var kept = lines.Skip(1).Where(line => line.Trim().Length > 0);
        return string.Join('\n', lines.Take(1).Concat(kept));
    }
}
