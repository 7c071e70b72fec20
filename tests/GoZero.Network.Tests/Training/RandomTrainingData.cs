using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

/// <summary>Seeded random games and the samples self-play would take from them, for the training-data tests.</summary>
internal static class RandomTrainingData
{
    /// <summary>A game of up to <paramref name="moves"/> random moves (no own eye filled; now and then a pass), so the
    /// history planes hold captures, passes and both players to move.</summary>
    public static Game Game(int size, int moves, Random random)
    {
        var game = new Game(size);
        var playout = new Playout(game.Geometry, (ulong)random.NextInt64());
        for (int i = 0; i < moves && !game.IsOver; i++)
        {
            var move = random.Next(20) == 0 ? Move.Pass : playout.RandomMove(game.Current);
            if (game.TryPlay(game.ToMove, move) != MoveLegality.Legal) game.Play(Move.Pass);
        }
        return game;
    }

    /// <summary>A visit distribution over the N²+1 moves: most entries zero, the rest random, summing to 1.</summary>
    public static float[] Policy(int size, Random random)
    {
        var policy = new float[size * size + 1];
        for (int i = 0; i < policy.Length; i++)
            if (random.Next(3) == 0) policy[i] = random.Next(1, 100);
        policy[random.Next(policy.Length)] += 1;
        float sum = policy.Sum();
        for (int i = 0; i < policy.Length; i++) policy[i] /= sum;
        return policy;
    }

    /// <summary>Samples of random positions of random games, with random π and winners; game ids from
    /// <paramref name="firstGameId"/> on.</summary>
    public static List<TrainingSample> Samples(int size, int count, int seed, ulong firstGameId = 0)
    {
        var random = new Random(seed);
        var samples = new List<TrainingSample>();
        for (int i = 0; i < count; i++)
        {
            var game = Game(size, random.Next(3 * size * size / 2), random);
            var sample = TrainingSample.Capture(game, Policy(size, random), firstGameId + (ulong)i);
            sample.SetWinner((Color)random.Next(3));
            samples.Add(sample);
        }
        return samples;
    }

    /// <summary>Writes the samples as a complete chunk at <paramref name="path"/>; returns the path.</summary>
    public static string WriteChunk(string path, int boardSize, IEnumerable<TrainingSample> samples)
    {
        using var writer = new TrainingChunkWriter(path, boardSize);
        foreach (var sample in samples) writer.Append(sample);
        writer.Complete();
        return path;
    }

    public static void AssertSameSample(TrainingSample expected, TrainingSample actual)
    {
        Assert.Equal(expected.BoardSize, actual.BoardSize);
        Assert.Equal(expected.GameId, actual.GameId);
        Assert.Equal(expected.MoveNumber, actual.MoveNumber);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.True(expected.PackedPlanes.SequenceEqual(actual.PackedPlanes), "the packed planes differ");
        Assert.Equal(expected.Policy.ToArray().Select(BitConverter.SingleToInt32Bits), actual.Policy.ToArray().Select(BitConverter.SingleToInt32Bits));
    }
}
