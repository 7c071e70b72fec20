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

    /// <summary>
    /// Samples of <paramref name="games"/> random games, the first <paramref name="perGame"/> positions of each, with
    /// random π and winners and game ids from <paramref name="firstGameId"/> on. Game g has final targets as g mod 4
    /// says — ownership and score, a score only, an ownership only, none — taken from a random playout to the end
    /// (shaped like a real game's), or none at all without <paramref name="withFinalTargets"/>; every third sample is
    /// not a full search.
    /// </summary>
    public static List<TrainingSample> Games(int size, int games, int perGame, int seed, ulong firstGameId = 0, bool withFinalTargets = true)
    {
        var random = new Random(seed);
        var samples = new List<TrainingSample>();
        for (int g = 0; g < games; g++)
        {
            var game = new Game(size);
            var playout = new Playout(game.Geometry, (ulong)random.NextInt64());
            var targets = FinalTargetsOf(game, playout, g % 4);
            var winner = (Color)random.Next(3);
            for (int i = 0; i < perGame; i++)
            {
                var sample = TrainingSample.Capture(game, Policy(size, random), firstGameId + (ulong)g, fullSearch: samples.Count % 3 != 2);
                sample.SetWinner(winner);
                if (withFinalTargets && targets is not null) sample.SetFinalTargets(targets);
                samples.Add(sample);
                var move = random.Next(20) == 0 ? Move.Pass : playout.RandomMove(game.Current);
                if (game.IsOver || game.TryPlay(game.ToMove, move) != MoveLegality.Legal) game.Play(game.ToMove, Move.Pass);
            }
        }
        return samples;
    }

    /// <summary>The area of a random playout's end as final targets of the kind <see cref="Games"/> gives game g.</summary>
    private static FinalTargets? FinalTargetsOf(Game game, Playout playout, int kind)
    {
        if (kind == 3) return null;
        var geometry = game.Geometry;
        playout.Run(game.Current);
        Span<sbyte> padded = stackalloc sbyte[geometry.PaddedArea];
        AreaScoring.FillOwnership(playout.FinalPosition, padded);
        var ownership = new sbyte[geometry.Area];
        for (int index = 0; index < ownership.Length; index++) ownership[index] = padded[geometry.PointOfDenseIndex(index)];
        float score = ownership.Sum(o => o) - 7.5f;
        return new FinalTargets(game.Size, kind == 1 ? null : ownership, kind == 2 ? null : score);
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
        Assert.Equal(expected.FullSearch, actual.FullSearch);
        Assert.Equal(expected.FinalTargets is null, actual.FinalTargets is null);
        Assert.Equal(expected.FinalTargets?.HasOwnership, actual.FinalTargets?.HasOwnership);
        Assert.Equal(expected.FinalTargets?.BlackOwnership.ToArray(), actual.FinalTargets?.BlackOwnership.ToArray());
        Assert.Equal(expected.FinalTargets?.BlackScore, actual.FinalTargets?.BlackScore);
    }
}
