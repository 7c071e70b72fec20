using GoZero.Engine;

namespace GoZero.Gtp.Tests;

/// <summary>Seeded games against a controller that plays random legal moves, followed on the test's own
/// <see cref="Game"/>: every move the engine generates is legal there, and the engine's board stays the same.</summary>
public sealed class RandomGameTests
{
    [Fact]
    public void GeneratedMovesAreAlwaysLegalAndTheBoardsAgree()
    {
        var random = new Random(5);
        using var gtp = new GtpProcess("--playouts", "20", "--resign-threshold", "0");
        for (int round = 0; round < 4; round++)
        {
            int size = round % 2 == 0 ? 5 : 7;
            gtp.Ok($"boardsize {size}");
            gtp.Ok("clear_board");
            var game = new Game(size);
            Color engine = round < 2 ? Color.Black : Color.White;
            for (int ply = 0; ply < 3 * size * size && !game.IsOver; ply++)
            {
                Color player = game.ToMove;
                Move move;
                if (player == engine)
                {
                    move = Vertex.ParseGtp(gtp.Ok($"genmove {player.ToLetter()}"), game.Geometry);
                    Assert.False(move.IsResign);
                    Assert.True(game.IsLegal(player, move), $"{Vertex.ToGtp(move, game.Geometry)} is illegal for {player}:\n{game.Current}");
                }
                else
                {
                    var legal = game.LegalMoves();
                    // Rarely pass, so that games are played out rather than ended at once.
                    move = legal.Count > 1 && random.Next(10) > 0 ? legal[random.Next(legal.Count - 1)] : Move.Pass;
                    gtp.Ok($"play {player.ToLetter()} {Vertex.ToGtp(move, game.Geometry)}");
                }
                game.Play(player, move);
                if (ply % 10 == 9 && random.Next(3) == 0)
                {
                    gtp.Ok("undo");
                    game.Undo();
                }
            }
            foreach (var color in new[] { Color.Black, Color.White })
            {
                var expected = game.Geometry.Points.Where(p => game.Current[p] == color).Select(p => Vertex.ToGtp(new Move(p), game.Geometry));
                Assert.Equal(expected.Order(), gtp.Ok($"list_stones {color.ToLetter()}").Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
                Assert.Equal(game.Current.Captures(color).ToString(), gtp.Ok($"captures {color.ToLetter()}"));
            }
        }
    }
}
