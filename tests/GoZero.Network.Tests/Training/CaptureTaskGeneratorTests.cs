using GoZero.Engine;
using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests.Training;

public class CaptureTaskGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void SamplesAreCapturePositionsWithUniformPolicyAndTheWinnerFromTheSideToMove()
    {
        var generator = new CaptureTaskGenerator();
        var planes = new float[InputPlanes.Length(7)];
        var encoded = new float[InputPlanes.Length(7)];
        var target = new float[50];
        int samples = 0, wins = 0, games = 0, blackWins = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var game = generator.PlayGame(seed);
            Assert.True(game.IsOver || game.MoveCount >= 3 * 49);
            Color winner = CaptureTaskGenerator.Winner(game);
            double score = AreaScoring.BlackMinusWhite(game.Current, CaptureTaskGenerator.DefaultKomi);
            Assert.Equal(score > 0 ? Color.Black : Color.White, winner);
            games++;
            if (winner == Color.Black) blackWins++;

            var replay = new Game(7, game.Rules);
            var generated = generator.Samples(game, seed);
            Assert.NotEmpty(generated);
            foreach (var sample in generated)
            {
                // Replay to the sample's position and check it against the engine directly.
                while (replay.MoveCount < sample.MoveNumber) replay.Play(game.Moves[replay.MoveCount]);
                Assert.Equal(seed, sample.GameId);
                sample.Unpack(0, planes, target);
                InputPlanes.Encode(replay, 0, encoded);
                Assert.Equal(encoded, planes);

                var support = Enumerable.Range(0, 50).Where(i => sample.Policy[i] > 0).ToList();
                Assert.NotEmpty(support);
                Assert.DoesNotContain(49, support);
                foreach (int index in support)
                {
                    var move = replay.Geometry.MoveOfPolicyIndex(index);
                    Assert.True(replay.IsLegal(replay.ToMove, move));
                    var after = replay.Current.Clone();
                    after.Play(move);
                    Assert.True(after.StoneCount(replay.ToMove.Opponent()) < replay.Current.StoneCount(replay.ToMove.Opponent()), "the move captures");
                    Assert.Equal(1f / support.Count, sample.Policy[index]);
                }
                Assert.Equal(CaptureTaskGenerator.CapturingMoves(replay), support);
                Assert.Equal(winner == replay.ToMove ? 1 : -1, sample.Outcome);
                if (sample.Outcome == 1) wins++;
                samples++;
            }
        }
        output.WriteLine($"{games} games, Black won {blackWins}; {samples} samples, z = +1 in {wins}");
    }

    [Fact]
    public void GenerationIsSeededAndOtherSeedsGiveOtherGames()
    {
        var generator = new CaptureTaskGenerator();
        var a = generator.Generate(300, seed: 1);
        var again = generator.Generate(300, seed: 1);
        var other = generator.Generate(300, seed: 2);

        Assert.True(a.Count >= 300);
        Assert.Equal(a.Count, again.Count);
        for (int i = 0; i < a.Count; i++) RandomTrainingData.AssertSameSample(a[i], again[i]);
        Assert.Empty(a.Select(s => s.GameId).Intersect(other.Select(s => s.GameId)));
        var spread = generator.Generate(300, seed: 1, perGame: 3);
        Assert.All(spread.GroupBy(s => s.GameId), game => Assert.InRange(game.Count(), 1, 3));
        Assert.Equal(a[0].GameId, spread[0].GameId);
        Assert.False(a.Take(20).Select(s => s.PackedPlanes.ToArray()).SequenceEqual(other.Take(20).Select(s => s.PackedPlanes.ToArray()), new BytesComparer()));
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] bytes) => bytes.Length;
    }
}
