using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>
/// Seeded random games checked move by move against <see cref="ReferenceBoard"/> and recounts from scratch: the
/// incremental hash, liberties, chains, captures and legal-move lists must agree with the slow truth.
/// </summary>
public class RandomGameInvariantTests
{
    [Theory]
    [InlineData(5, 1500, 1, KoRule.PositionalSuperko, SuicideRule.Forbidden, 11)]
    [InlineData(5, 500, 1, KoRule.PositionalSuperko, SuicideRule.Allowed, 12)]
    [InlineData(5, 300, 1, KoRule.SituationalSuperko, SuicideRule.Allowed, 13)]
    [InlineData(9, 400, 7, KoRule.PositionalSuperko, SuicideRule.Forbidden, 14)]
    [InlineData(9, 100, 7, KoRule.Simple, SuicideRule.Allowed, 15)]
    [InlineData(19, 60, 40, KoRule.PositionalSuperko, SuicideRule.Forbidden, 16)]
    public void RandomGamesKeepEveryInvariant(int size, int games, int legalMoveCheckEvery, KoRule ko, SuicideRule suicide, int seed)
    {
        var random = new Random(seed);
        var rules = new RulesOptions(ko, suicide);
        for (int g = 0; g < games; g++)
        {
            var game = new Game(size, rules);
            ulong initialHash = game.Current.Hash;
            var reference = new ReferenceBoard(size);
            var seenBoards = new HashSet<string> { reference.Key, reference.Key + "B" };
            int captures = 0;
            int limit = 3 * size * size;
            while (!game.IsOver && game.MoveCount < limit)
            {
                Color player = game.ToMove;
                var legal = game.LegalMoves();
                if (game.MoveCount % legalMoveCheckEvery == 0)
                    AssertLegalMovesMatchReference(game, reference, seenBoards, rules);
                // Mostly avoid filling own eyes so that games reach an end with captures along the way.
                var candidates = legal.Where(m => m.IsPass || !game.Current.IsEyeOf(m.Point, player)).ToList();
                var move = candidates.Count > 1 ? candidates[random.Next(candidates.Count - 1)] : Move.Pass;
                if (random.Next(50) == 0) move = Move.Pass;
                game.Play(player, move);
                if (move.IsPlay)
                {
                    var geometry = game.Geometry;
                    var played = reference.Play(geometry.ColumnOf(move.Point), geometry.RowOf(move.Point), player, suicide);
                    Assert.NotNull(played);
                    reference = played.Value.Board;
                    captures += played.Value.Captured + played.Value.Lost;
                }
                seenBoards.Add(reference.Key);
                seenBoards.Add(reference.Key + (game.ToMove == Color.Black ? "B" : "W"));
                AssertPositionMatchesReference(game.Current, reference);
                Assert.Equal(captures, game.Current.Captures(Color.Black) + game.Current.Captures(Color.White));
            }
            while (game.Undo()) { }
            Assert.Equal(initialHash, game.Current.Hash);
            Assert.Equal(0, game.Current.StoneCount(Color.Black) + game.Current.StoneCount(Color.White));
            Assert.Equal(0, game.Current.Captures(Color.Black) + game.Current.Captures(Color.White));
            Assert.Equal(size * size, game.Current.EmptyPoints.Length);
        }
    }

    [Fact]
    public void UndoRestoresHashAndPrisonersAtEveryStep()
    {
        var random = new Random(3);
        var game = new Game(9);
        var hashes = new List<ulong> { game.Current.Hash };
        var prisoners = new List<(int, int)> { (0, 0) };
        while (!game.IsOver && game.MoveCount < 300)
        {
            var legal = game.LegalMoves();
            game.Play(legal[random.Next(legal.Count)]);
            hashes.Add(game.Current.Hash);
            prisoners.Add((game.Current.Captures(Color.Black), game.Current.Captures(Color.White)));
        }
        for (int k = hashes.Count - 1; k >= 0; k--)
        {
            Assert.Equal(hashes[k], game.Current.Hash);
            Assert.Equal(prisoners[k], (game.Current.Captures(Color.Black), game.Current.Captures(Color.White)));
            Assert.Equal(k > 0, game.Undo());
        }
    }

    [Fact]
    public void CopiedPositionsPlayOnIndependently()
    {
        var game = new Game(9);
        var random = new Random(8);
        for (int i = 0; i < 30; i++)
        {
            var legal = game.LegalMoves();
            game.Play(legal[random.Next(legal.Count - 1)]);
        }
        var copy = new Position(9);
        copy.CopyFrom(game.Current);
        string before = game.Current.ToString();
        var playout = new Playout(game.Geometry, 1);
        copy.Play(playout.RandomMove(copy));
        Assert.Equal(before, game.Current.ToString());
        Assert.Equal(game.Current.Hash, game.Clone().Current.Hash);
    }

    private static void AssertPositionMatchesReference(Position position, ReferenceBoard reference)
    {
        var geometry = position.Geometry;
        int size = position.Size;
        ulong hash = Zobrist.EmptyBoard(size);
        var empties = new HashSet<int>();
        var checkedChains = new HashSet<int>();
        for (int index = 0; index < size * size; index++)
        {
            int point = geometry.PointOfDenseIndex(index);
            Color color = reference.Grid[index];
            Assert.Equal(color, position[point]);
            if (color == Color.Empty)
            {
                empties.Add(point);
                continue;
            }
            hash ^= Zobrist.Stone(color, point);
            foreach (int neighbour in reference.Neighbours(index))
                if (reference.Grid[neighbour] == color)
                    Assert.Equal(position.ChainIdOf(point), position.ChainIdOf(geometry.PointOfDenseIndex(neighbour)));
            if (!checkedChains.Add(position.ChainIdOf(point))) continue;
            var chain = reference.Chain(index);
            Assert.Equal(reference.Liberties(index), position.LibertiesOf(point));
            Assert.Equal(chain.Count, position.ChainSizeOf(point));
            Assert.Equal(chain.Select(geometry.PointOfDenseIndex).Order(), position.ChainStones(point).Order());
        }
        Assert.Equal(hash, position.StoneHash);
        Assert.True(empties.SetEquals(position.EmptyPoints.ToArray()));
    }

    private static void AssertLegalMovesMatchReference(Game game, ReferenceBoard reference, HashSet<string> seenBoards, RulesOptions rules)
    {
        var position = game.Current;
        var geometry = game.Geometry;
        Color player = game.ToMove;
        var expected = new HashSet<Move>();
        foreach (int point in geometry.Points)
        {
            var played = reference.Play(geometry.ColumnOf(point), geometry.RowOf(point), player, rules.Suicide);
            if (played is null) continue;
            string key = played.Value.Board.Key;
            bool repeats = rules.Ko switch
            {
                KoRule.PositionalSuperko => seenBoards.Contains(key),
                KoRule.SituationalSuperko => seenBoards.Contains(key + (player == Color.Black ? "W" : "B")),
                _ => point == position.KoPoint,
            };
            if (!repeats) expected.Add(new Move(point));
        }
        expected.Add(Move.Pass);
        Assert.True(expected.SetEquals(game.LegalMoves()), $"legal moves differ on\n{position}");
    }
}
