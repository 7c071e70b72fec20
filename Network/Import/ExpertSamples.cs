using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Import;

/// <summary>
/// The training samples of an expert game: one per move, the position before the move as self-play captures it
/// (<see cref="TrainingSample.Capture"/>), so that the trainer, the sampler and the symmetries take them unchanged.
/// <list type="bullet">
/// <item>π is one-hot on the move the expert played (a pass included). AlphaGo's SL policy network was trained to
/// maximise the likelihood of the human move played in each position (Silver et al. 2016, "Supervised learning of
/// policy networks"), and Leela Zero's supervised data did the same (src/Training.cpp, dump_supervised: probability 1 on the move played);
/// with the trainer's cross-entropy the loss is then exactly that log-likelihood. Smoothing would say the expert was
/// unsure where nothing in the record says so, and would be a setting each import would have to record.</item>
/// <item>z is the game's result from the view of the player to move: +1 if they won, −1 if they lost, 0 for a draw
/// (jigo). A resignation counts as a loss for the resigner, as AlphaGo's value network took the outcome of the game.</item>
/// <item>The final score (KataGo's score target) where the result gives the margin: "B+3.5" is +3.5 for Black, a draw
/// 0; a resignation, a loss on time and a count without its margin give none, and so does a margin no board of the
/// size could give. The margin is the record's, counted under its rules (Tygem's and most records': territory), which
/// can differ from the area count by a point or so (Wu 2019 trains on such scores too).</item>
/// <item>No final ownership: nearly every expert game ends by resignation, and a counted one records neither the
/// dead stones the players agreed on nor a position played out, so no exact owner of each point is known.</item>
/// </list>
/// </summary>
public static class ExpertSamples
{
    /// <summary>The samples of <paramref name="record"/>, which must have a result and no set-up stones
    /// (<see cref="ExpertGameFilter.Judge"/>), in the order of its moves.</summary>
    public static IEnumerable<TrainingSample> Of(SgfGame record, ulong gameId)
    {
        if (record.Result is not { } result) throw new ArgumentException("a game without a result gives no value target", nameof(record));
        if (record.Setup.Count > 0) throw new ArgumentException("a game with set-up stones is not replayed here", nameof(record));
        var game = new Game(record.Size, record.Rules);
        var policy = new float[game.Geometry.Area + 1];
        var finalTargets = FinalScore(record.Size, result);
        foreach (var move in record.Moves)
        {
            int index = game.Geometry.PolicyIndexOf(move.Move);
            policy[index] = 1f;
            var sample = TrainingSample.Capture(game, policy, gameId);
            policy[index] = 0f;
            sample.SetWinner(result.Winner);
            if (finalTargets is not null) sample.SetFinalTargets(finalTargets);
            yield return sample;
            game.Play(move.Player, move.Move);
        }
    }

    /// <summary>The score target the result gives (see the class summary), or null.</summary>
    private static FinalTargets? FinalScore(int boardSize, GameResult result) =>
        result.BlackMinusWhite is double score && FinalTargets.Problem(boardSize, null, (float)score) is null
            ? new FinalTargets(boardSize, null, (float)score)
            : null;
}
