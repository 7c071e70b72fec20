using GoZero.Engine;

namespace GoZero.FakeGtpEngine;

/// <summary>
/// A GTP engine that misbehaves on request, for the match tests: it plays the first legal move that is not an eye
/// (or passes) until its Nth <c>genmove</c>, where it crashes (exit code 3), hangs, answers an occupied point,
/// answers garbage, or puts an empty line before its answer, as <c>--fail crash|hang|illegal|garbage|blank --after N</c>
/// says. With no <c>--fail</c> it plays properly. <c>final_score</c> counts the board by area with every stone alive,
/// plus <c>--count-bias B</c> points for Black (a count that disagrees on purpose); <c>--count none</c> refuses the
/// command, as an engine without it does. <c>--cleanup</c> makes it know <c>kgs-genmove_cleanup</c> (by
/// <c>known_command</c>), where it always passes; without it both are unknown commands. Its input and output are exactly GTP's, so the tests exercise the real
/// client over real pipes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string fail = Argument(args, "--fail") ?? "none";
        int after = int.Parse(Argument(args, "--after") ?? "1");
        double countBias = double.Parse(Argument(args, "--count-bias") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        bool counts = Argument(args, "--count") != "none";
        bool cleanup = args.Contains("--cleanup");
        var game = new Game(19);
        int genmoves = 0;
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            string answer;
            switch (words[0])
            {
                case "boardsize": game = new Game(int.Parse(words[1])); answer = "="; break;
                case "clear_board": game = new Game(game.Size, game.Rules); answer = "="; break;
                case "komi": game.SetKomi(double.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture)); answer = "="; break;
                case "play":
                    var move = Vertex.ParseGtp(words[2], game.Geometry);
                    answer = game.TryPlay(words[1].StartsWith('b') || words[1].StartsWith('B') ? Color.Black : Color.White, move) == MoveLegality.Legal ? "=" : "? illegal move";
                    break;
                case "genmove":
                    genmoves++;
                    if (genmoves >= after && fail == "crash") return 3;
                    if (genmoves >= after && fail == "hang") { Thread.Sleep(Timeout.Infinite); return 0; }
                    if (genmoves >= after && fail == "garbage") { answer = "= what is a move"; break; }
                    if (genmoves >= after && fail == "blank") { answer = "\n= pass"; break; }
                    if (genmoves >= after && fail == "illegal")
                    {
                        int occupied = game.Geometry.Points.FirstOrDefault(p => game.Current[p] != Color.Empty, -1);
                        answer = "= " + (occupied >= 0 ? Vertex.ToGtp(new Move(occupied), game.Geometry) : "Z99");
                        break;
                    }
                    var chosen = game.LegalMoves().FirstOrDefault(m => !m.IsPass && !game.Current.IsEyeOf(m.Point, game.ToMove), Move.Pass);
                    game.Play(chosen);
                    answer = "= " + Vertex.ToGtp(chosen, game.Geometry);
                    break;
                case "set_free_handicap":
                    game.PlaceHandicap(words.Skip(1).Select(v => Vertex.ParseGtp(v, game.Geometry)).ToList());
                    answer = "=";
                    break;
                case "name": answer = "= fake-gtp-engine"; break;
                case "known_command" when cleanup: answer = words.Length > 1 && words[1] == "kgs-genmove_cleanup" ? "= true" : "= false"; break;
                case "kgs-genmove_cleanup" when cleanup: game.Play(Move.Pass); answer = "= pass"; break;
                case "final_score" when counts:
                    answer = "= " + GameResult.FromScore(AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi) + countBias);
                    break;
                case "quit": Console.Out.Write("=\n\n"); Console.Out.Flush(); return 0;
                default: answer = "? unknown command"; break;
            }
            Console.Out.Write(answer + "\n\n");
            Console.Out.Flush();
        }
        return 0;
    }

    private static string? Argument(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
