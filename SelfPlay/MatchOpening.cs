using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>
/// Varied openings for matches: a few random moves, drawn away from the edge (on lines 3 and up where the board has
/// them), so that two deterministic players do not replay one game, and the openings stay ordinary enough not to
/// decide the game. Both games of a pair start from the same opening with colours swapped, which cancels whatever
/// advantage an opening gives.
/// </summary>
public static class MatchOpening
{
    /// <summary>A new game with the rules, handicap and <paramref name="moves"/> random opening moves, drawn with
    /// <paramref name="random"/>.</summary>
    public static Game Create(int size, RulesOptions rules, int handicap, int moves, Random random)
    {
        var game = new Game(size, rules);
        if (handicap >= 2) game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, handicap));
        int margin = size >= 7 ? 2 : size >= 5 ? 1 : 0;
        for (int i = 0; i < moves; i++)
        {
            var candidates = game.LegalMoves().Where(m => !m.IsPass && AwayFromEdge(game.Geometry, m, margin)).ToList();
            if (candidates.Count == 0) break;
            game.Play(candidates[random.Next(candidates.Count)]);
        }
        return game;
    }

    private static bool AwayFromEdge(BoardGeometry geometry, Move move, int margin)
    {
        int dense = geometry.DenseIndexOf(move.Point);
        int x = dense % geometry.Size, y = dense / geometry.Size;
        return x >= margin && y >= margin && x < geometry.Size - margin && y < geometry.Size - margin;
    }
}
