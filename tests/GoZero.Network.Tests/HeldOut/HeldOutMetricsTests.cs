using GoZero.Network.HeldOut;

namespace GoZero.Network.Tests.HeldOut;

public sealed class HeldOutMetricsTests
{
    [Theory]
    [InlineData(1, GamePhase.Opening)]
    [InlineData(30, GamePhase.Opening)]
    [InlineData(31, GamePhase.Middlegame)]
    [InlineData(100, GamePhase.Middlegame)]
    [InlineData(101, GamePhase.Endgame)]
    [InlineData(400, GamePhase.Endgame)]
    public void MovesOneToThirtyAreTheOpeningToAHundredTheMiddlegameThenTheEndgame(int moveNumber, GamePhase phase) =>
        Assert.Equal(phase, GamePhases.Of(moveNumber));

    [Fact]
    public void FiguresAreMeansOverAllPositionsAndOverEachPhase()
    {
        var metrics = new HeldOutMetrics();
        metrics.Add(new PositionScore(Top1: true, Top5: true, CrossEntropy: 1.0, SquaredError: 0.5), 1);
        metrics.Add(new PositionScore(Top1: false, Top5: true, CrossEntropy: 3.0, SquaredError: 1.5), 30);
        metrics.Add(new PositionScore(Top1: false, Top5: false, CrossEntropy: 5.0, SquaredError: 4.0), 31);
        metrics.Add(new PositionScore(Top1: true, Top5: true, CrossEntropy: 2.0, SquaredError: 0.0), 150);

        Assert.Equal(4, metrics.All.Positions);
        Assert.Equal(0.5, metrics.All.Top1);
        Assert.Equal(0.75, metrics.All.Top5);
        Assert.Equal(11.0 / 4, metrics.All.CrossEntropy);
        Assert.Equal(6.0 / 4, metrics.All.ValueMse);

        var opening = metrics[GamePhase.Opening];
        Assert.Equal(2, opening.Positions);
        Assert.Equal(0.5, opening.Top1);
        Assert.Equal(1.0, opening.Top5);
        Assert.Equal(2.0, opening.CrossEntropy);
        Assert.Equal(1.0, opening.ValueMse);
        Assert.Equal((1, 0.0, 5.0, 4.0), (metrics[GamePhase.Middlegame].Positions, metrics[GamePhase.Middlegame].Top5, metrics[GamePhase.Middlegame].CrossEntropy, metrics[GamePhase.Middlegame].ValueMse));
        Assert.Equal((1, 1.0, 2.0, 0.0), (metrics[GamePhase.Endgame].Positions, metrics[GamePhase.Endgame].Top1, metrics[GamePhase.Endgame].CrossEntropy, metrics[GamePhase.Endgame].ValueMse));
    }

    [Fact]
    public void NoPositionsGiveZerosNotNaN()
    {
        var metrics = new HeldOutMetrics();
        Assert.Equal((0L, 0.0, 0.0, 0.0, 0.0), (metrics.All.Positions, metrics.All.Top1, metrics.All.Top5, metrics.All.CrossEntropy, metrics.All.ValueMse));
    }
}
