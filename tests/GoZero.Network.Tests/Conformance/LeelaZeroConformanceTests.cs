using System.Text.Json;
using GoZero.Engine;

namespace GoZero.Network.Tests.Conformance;

/// <summary>
/// Every backend reproduces Leela Zero: the fixture network rand-2x16-s1 evaluated on 11 positions, identity symmetry
/// and the mean of all 8 (through <see cref="NetworkEvaluator"/>, the path net eval and the search share), against
/// outputs computed independently in float64 and confirmed by leelaz itself (../shared/fixtures/leelazero, see
/// leelazero-format.md).
/// </summary>
public class LeelaZeroConformanceTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<ModelBackend, string> BackendsAndPositionNames()
    {
        var data = new TheoryData<ModelBackend, string>();
        foreach (var backend in Enum.GetValues<ModelBackend>())
            foreach (var position in Fixture.Positions()) data.Add(backend, position.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsAndPositionNames))]
    public void PolicyAndWinRateMatchLeelaZero(ModelBackend backend, string name)
    {
        using var model = ModelFactory.OpenInference(Fixture.Weights, threads: 1, backend);
        var evaluator = new NetworkEvaluator(model);
        var position = Fixture.Positions().Single(p => p.GetProperty("name").GetString() == name);
        var game = Fixture.Replay(position.GetProperty("moves").GetString()!);
        Assert.Equal(position.GetProperty("to_move").GetString(), game.ToMove.ToLetter());

        foreach (var output in position.GetProperty("outputs").EnumerateArray())
        {
            var evaluation = output.GetProperty("kind").GetString() switch
            {
                "heatmap" => evaluator.Evaluate(game),
                "heatmap average" => evaluator.EvaluateAllSymmetries(game),
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

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void EveryThreadCountGivesTheSameOutputs(ModelBackend backend)
    {
        var game = Fixture.Replay(Fixture.Positions().Last().GetProperty("moves").GetString()!);
        using var one = ModelFactory.OpenInference(Fixture.Weights, threads: 1, backend);
        using var two = ModelFactory.OpenInference(Fixture.Weights, threads: 2, backend);
        var single = new NetworkEvaluator(one).EvaluateAllSymmetries(game);
        var both = new NetworkEvaluator(two).EvaluateAllSymmetries(game);
        for (int i = 0; i < single.Policy.Length; i++) Assert.Equal(single.Policy[i], both.Policy[i], 1e-6);
        Assert.Equal(single.Value, both.Value, 1e-6);
    }

    private static class Fixture
    {
        private static readonly Lazy<JsonDocument> Expected = new(() =>
            JsonDocument.Parse(File.ReadAllText(LeelaZeroFixture.PathOf("rand-2x16-s1.expected.json"))));

        private static readonly Lazy<NetworkWeights> LoadedWeights = new(() => LeelaZeroFormat.Read(LeelaZeroFixture.RandomTwoBySixteen));

        public static NetworkWeights Weights => LoadedWeights.Value;

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
