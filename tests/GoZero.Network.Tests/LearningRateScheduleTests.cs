using GoZero.Network.Training;

namespace GoZero.Network.Tests;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void AConstantIsItsNumber()
    {
        var schedule = LearningRateSchedule.Parse("0.02");
        Assert.Equal(0.02, schedule.RateAt(0));
        Assert.Equal(0.02, schedule.RateAt(1_000_000));
        Assert.Equal("0.02", schedule.ToString());
    }

    [Fact]
    public void StepsChangeAtTheirBoundaries()
    {
        var schedule = LearningRateSchedule.Parse("steps:0.02@0,0.002@100000,0.0002@200000");
        Assert.Equal(0.02, schedule.RateAt(0));
        Assert.Equal(0.02, schedule.RateAt(99_999));
        Assert.Equal(0.002, schedule.RateAt(100_000));
        Assert.Equal(0.0002, schedule.RateAt(300_000));
        Assert.Equal("steps:0.02@0,0.002@100000,0.0002@200000", schedule.ToString());
        Assert.Equal(schedule, LearningRateSchedule.Parse(schedule.ToString()));
    }

    [Fact]
    public void CosineFallsFromInitialToFinal()
    {
        var schedule = LearningRateSchedule.Parse("cosine:0.02:1000:0.001");
        Assert.Equal(0.02, schedule.RateAt(0), 12);
        Assert.Equal((0.02 + 0.001) / 2, schedule.RateAt(500), 12);
        Assert.Equal(0.001, schedule.RateAt(1000), 12);
        Assert.Equal(0.001, schedule.RateAt(5000), 12);
        Assert.Equal(0.0, LearningRateSchedule.Parse("cosine:0.02:1000").RateAt(1000));
        Assert.Equal("cosine:0.02:1000:0.001", schedule.ToString());
    }

    [Theory]
    [InlineData("fast", "'fast' is not a number")]
    [InlineData("-0.1", "finite number 0 or more")]
    [InlineData("steps:0.02@10", "starts at step 0")]
    [InlineData("steps:0.02@0,0.01@0", "does not come after")]
    [InlineData("steps:0.02", "is not RATE@STEP")]
    [InlineData("cosine:0.02", "cosine:INITIAL:STEPS")]
    [InlineData("cosine:0.02:0", "at least 1 step")]
    public void MalformedSchedulesSayWhatIsWrong(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => LearningRateSchedule.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.Contains(text, error.Message);
    }
}
