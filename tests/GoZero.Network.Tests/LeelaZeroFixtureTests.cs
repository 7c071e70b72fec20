using System.Text.Json;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Network.Tests;

/// <summary>
/// The network reproduces Leela Zero: the fixture network rand-2x16-s1 evaluated on 11 positions, identity symmetry
/// and the mean of all 8, against outputs computed independently in float64 and confirmed by leelaz itself
/// (../shared/fixtures/leelazero, see leelazero-format.md).
/// </summary>
public class LeelaZeroFixtureTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> PositionNames()
    {
        var names = new TheoryData<string>();
        foreach (var position in Fixture.Positions()) names.Add(position.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(PositionNames))]
    public void PolicyAndWinRateMatchLeelaZero(string name)
    {
        var position = Fixture.Positions().Single(p => p.GetProperty("name").GetString() == name);
        var game = Fixture.Replay(position.GetProperty("moves").GetString()!);
        Assert.Equal(position.GetProperty("to_move").GetString(), game.ToMove.ToLetter());

        foreach (var output in position.GetProperty("outputs").EnumerateArray())
        {
            var evaluation = output.GetProperty("kind").GetString() switch
            {
                "heatmap" => Fixture.Evaluator.Evaluate(game),
                "heatmap average" => Fixture.Evaluator.EvaluateAllSymmetries(game),
                var kind => throw new InvalidDataException($"unknown output kind {kind}"),
            };
            var expected = output.GetProperty("ref_policy").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(362, expected.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - evaluation.Policy[i]) <= Tolerance,
                    $"{name}, {output.GetProperty("kind")}: policy[{i}] is {evaluation.Policy[i]}, Leela Zero {expected[i]}");
            double winRate = output.GetProperty("ref_winrate").GetDouble();
            Assert.True(Math.Abs(winRate - evaluation.WinRate) <= Tolerance,
                $"{name}, {output.GetProperty("kind")}: win rate {evaluation.WinRate}, Leela Zero {winRate}");
        }
    }

    [Fact]
    public void EveryThreadCountGivesTheSameOutputs()
    {
        var game = Fixture.Replay(Fixture.Positions().Last().GetProperty("moves").GetString()!);
        var single = Fixture.Evaluator.EvaluateAllSymmetries(game);
        using var net = new PolicyValueNet(Fixture.Weights, threads: 2);
        var two = new NetworkEvaluator(net).EvaluateAllSymmetries(game);
        for (int i = 0; i < single.Policy.Length; i++) Assert.Equal(single.Policy[i], two.Policy[i], 1e-6);
        Assert.Equal(single.Value, two.Value, 1e-6);
    }

    private static class Fixture
    {
        private static readonly Lazy<JsonDocument> Expected = new(() =>
            JsonDocument.Parse(File.ReadAllText(LeelaZeroFixture.PathOf("rand-2x16-s1.expected.json"))));

        private static readonly Lazy<NetworkWeights> LoadedWeights = new(() => LeelaZeroFormat.Read(LeelaZeroFixture.RandomTwoBySixteen));

        private static readonly Lazy<NetworkEvaluator> SharedEvaluator = new(() => new NetworkEvaluator(new PolicyValueNet(Weights, threads: 1)));

        public static NetworkWeights Weights => LoadedWeights.Value;

        public static NetworkEvaluator Evaluator => SharedEvaluator.Value;

        public static IEnumerable<JsonElement> Positions() =>
            Expected.Value.RootElement.GetProperty("nets")[0].GetProperty("positions").EnumerateArray();

        /// <summary>Moves are bare vertices alternating from Black ("Q16 D4 pass") or colour–vertex pairs
        /// ("B D4 W D5", which may repeat a colour). Leela Zero's play checks simple ko only.</summary>
        public static Game Replay(string moves)
        {
            var game = new Game(19, new RulesOptions(KoRule.Simple));
            var tokens = moves.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < tokens.Length; i++)
            {
                Color player = game.ToMove;
                if (ColorExtensions.TryParsePlayer(tokens[i], out var explicitPlayer) && i + 1 < tokens.Length)
                {
                    player = explicitPlayer;
                    i++;
                }
                game.Play(player, Vertex.ParseGtp(tokens[i], game.Geometry));
            }
            return game;
        }
    }
}
