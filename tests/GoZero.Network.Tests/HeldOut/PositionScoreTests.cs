using GoZero.Network.HeldOut;

namespace GoZero.Network.Tests.HeldOut;

public sealed class PositionScoreTests
{
    /// <summary>A policy over 8 moves with the given probabilities, and a one-hot target on <paramref name="played"/>.</summary>
    private static (float[] Policy, float[] Target) Outputs(int played, params float[] policy)
    {
        var target = new float[policy.Length];
        target[played] = 1f;
        return (policy, target);
    }

    private static readonly float[] Ranked = [0.30f, 0.20f, 0.15f, 0.12f, 0.10f, 0.08f, 0.04f, 0.01f];

    [Fact]
    public void TheNetworksFirstChoiceIsTop1AndTop5()
    {
        var (policy, target) = Outputs(0, Ranked);
        var score = PositionScore.Of(policy, target, 0f, 1);
        Assert.True(score.Top1);
        Assert.True(score.Top5);
    }

    [Fact]
    public void TheFifthChoiceIsTop5ButNotTop1AndTheSixthIsNeither()
    {
        var (policy, target) = Outputs(4, Ranked);
        var fifth = PositionScore.Of(policy, target, 0f, 1);
        Assert.False(fifth.Top1);
        Assert.True(fifth.Top5);

        (policy, target) = Outputs(5, Ranked);
        var sixth = PositionScore.Of(policy, target, 0f, 1);
        Assert.False(sixth.Top1);
        Assert.False(sixth.Top5);
    }

    [Fact]
    public void ATieCountsAgainstTheNetwork()
    {
        var (policy, target) = Outputs(2, 0.4f, 0.2f, 0.4f);
        Assert.False(PositionScore.Of(policy, target, 0f, 1).Top1);
        Assert.True(PositionScore.Of(policy, target, 0f, 1).Top5);

        (policy, target) = Outputs(5, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f);
        Assert.False(PositionScore.Of(policy, target, 0f, 1).Top5);
    }

    [Fact]
    public void CrossEntropyOfAOneHotTargetIsMinusTheLogOfThePlayedMovesProbability()
    {
        var (policy, target) = Outputs(3, Ranked);
        Assert.Equal(-Math.Log(0.12f), PositionScore.Of(policy, target, 0f, 1).CrossEntropy, 12);
    }

    [Fact]
    public void CrossEntropyOfAVisitDistributionWeighsEachMoveByItsShare()
    {
        float[] policy = [0.5f, 0.25f, 0.25f];
        float[] visits = [0.75f, 0.25f, 0f];
        var score = PositionScore.Of(policy, visits, 0f, 1);
        Assert.Equal(-(0.75 * Math.Log(0.5) + 0.25 * Math.Log(0.25)), score.CrossEntropy, 12);
        Assert.True(score.Top1);
    }

    [Fact]
    public void AMoveTheNetworkRulesOutCostsTheFloorNotInfinity()
    {
        var (policy, target) = Outputs(1, 1f, 0f);
        Assert.Equal(-Math.Log(PositionScore.ProbabilityFloor), PositionScore.Of(policy, target, 0f, 1).CrossEntropy, 9);
    }

    [Theory]
    [InlineData(0.5f, 1, 0.25)]
    [InlineData(0.5f, -1, 2.25)]
    [InlineData(-1f, 1, 4.0)]
    [InlineData(0.25f, 0, 0.0625)]
    public void SquaredErrorIsThatOfTheValueAgainstTheResultFromTheMoversView(float value, int outcome, double expected)
    {
        var (policy, target) = Outputs(0, Ranked);
        Assert.Equal(expected, PositionScore.Of(policy, target, value, outcome).SquaredError, 12);
    }

    [Fact]
    public void APolicyAndTargetOfDifferentLengthsAreRefused() =>
        Assert.Throws<ArgumentException>(() => PositionScore.Of([0.5f, 0.5f], [1f, 0f, 0f], 0f, 1));
}
