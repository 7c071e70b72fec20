using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

/// <summary>The chunks of tests/fixtures/chunks: files written by earlier versions of GoZero, which later versions must
/// still read (provenance in its README.md).</summary>
internal static class ChunkFixture
{
    /// <summary>A version-1 chunk of <see cref="Version1Samples"/>, written by TrainingChunkWriter before version 2.</summary>
    public static string Version1 => PathOf("v1-9x9.chunk");

    /// <summary>The moves of the fixture's game: Black captures the white stone on D7 with D8, each side passes once.</summary>
    private static readonly string[] Moves = ["B C7", "W D7", "B E7", "W G3", "B D6", "W G7", "B D8", "W pass", "B E5", "W G5", "B pass", "W G4"];

    /// <summary>The samples of the version-1 fixture: game 7 is every position of <see cref="Moves"/>, won by Black;
    /// game 8 its first five positions, a draw. π is one-hot on the move played at even move numbers and splits 3:1
    /// between the move played and pass at odd ones.</summary>
    public static List<TrainingSample> Version1Samples()
    {
        var samples = new List<TrainingSample>();
        foreach (var (id, count, winner) in new[] { (7UL, Moves.Length, Color.Black), (8UL, 5, Color.Empty) })
        {
            var game = new Game(9);
            for (int i = 0; i < count; i++)
            {
                var parts = Moves[i].Split(' ');
                var player = parts[0] == "B" ? Color.Black : Color.White;
                var move = Vertex.ParseGtp(parts[1], game.Geometry);
                var policy = new float[82];
                int played = game.Geometry.PolicyIndexOf(move);
                if (i % 2 == 0) policy[played] = 1f;
                else
                {
                    policy[played] += 0.75f;
                    policy[81] += 0.25f;
                }
                var sample = TrainingSample.Capture(game, policy, id);
                sample.SetWinner(winner);
                samples.Add(sample);
                game.Play(player, move);
            }
        }
        return samples;
    }

    public static string PathOf(string name) => FixtureFolder.PathOf("chunks", name);
}
