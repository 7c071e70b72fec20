using System.Text.RegularExpressions;

namespace GoZero.Gtp.Tests;

/// <summary>One move of an <c>info move …</c> line, as Sabaki reads it.</summary>
public sealed record AnalysedMove(string Move, int Visits, int WinRate, int Prior, int Lcb, int Order, string[] Pv)
{
    private static readonly Regex Entry = new(
        @"^move (\S+) visits (\d+) winrate (\d+) prior (\d+) lcb (\d+) order (\d+) pv((?: \S+)+)$", RegexOptions.CultureInvariant);

    /// <summary>Splits a line into its moves; fails the test when the line is not in Leela Zero's format.</summary>
    public static IReadOnlyList<AnalysedMove> ParseLine(string line)
    {
        Assert.StartsWith("info move ", line);
        var moves = new List<AnalysedMove>();
        foreach (string part in line.Split("info ", StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Entry.Match(part.TrimEnd());
            Assert.True(match.Success, $"'{part}' is not an info entry");
            int Number(int group) => int.Parse(match.Groups[group].Value);
            moves.Add(new AnalysedMove(match.Groups[1].Value, Number(2), Number(3), Number(4), Number(5), Number(6),
                match.Groups[7].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
        return moves;
    }

    /// <summary>The checks every line must pass: win rates, priors and bounds in 0..10000, the bound below the win
    /// rate, orders 0, 1, 2, … as LCB selection ranks the moves (the well-visited by falling bound, then the rest by
    /// falling visits, so each move falls behind the one before in bound or in visits), and each variation starting
    /// with its move.</summary>
    public static void CheckLine(IReadOnlyList<AnalysedMove> moves)
    {
        Assert.NotEmpty(moves);
        for (int i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            Assert.Equal(i, move.Order);
            Assert.InRange(move.WinRate, 0, 10000);
            Assert.InRange(move.Prior, 0, 10000);
            Assert.InRange(move.Lcb, 0, move.WinRate);
            Assert.Equal(move.Move, move.Pv[0]);
            if (i > 0)
                Assert.True(moves[i - 1].Lcb >= move.Lcb || moves[i - 1].Visits >= move.Visits, "moves come best first");
        }
    }
}
