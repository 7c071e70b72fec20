using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

/// <summary>Distillation's targets (issue 20): the teacher's outputs on each row's own planes, mixed with the recorded
/// targets by the teacher's weight.</summary>
public sealed class TeacherTargetsTests
{
    private const int Board = 5, Rows = 7, Area = Board * Board;

    private static IInferenceModel Teacher(bool heads = true) =>
        ModelFactory.OpenInference(TrainingFixtures.Weights(new NetworkShape(Board, 1, 8) { AuxiliaryHeads = heads }, seed: 3));

    /// <summary>The teacher's outputs for one row, evaluated alone (a batch of one), π as probabilities.</summary>
    private static (float[] Policy, float Value, float[] Ownership, float Score) Alone(IInferenceModel teacher, TrainingBatch batch, int row)
    {
        var logits = new float[Area + 1];
        var value = new float[1];
        var ownership = new float[Area];
        var score = new float[1];
        teacher.Forward(batch.Planes.AsSpan(row * batch.PlaneLength, batch.PlaneLength), 1, new ModelOutputs(logits, value, ownership, score));
        var policy = new float[Area + 1];
        InferenceBatch.Softmax(logits, policy);
        return (policy, value[0], ownership, score[0]);
    }

    [Fact]
    public void AtWeightOneEveryTargetIsTheTeachersOutputForThatRow()
    {
        using var teacher = Teacher();
        var batch = TrainingFixtures.AuxiliaryBatch(Board, Rows, seed: 5);
        var expected = Enumerable.Range(0, Rows).Select(row => Alone(teacher, batch, row)).ToList();

        var targets = new TeacherTargets(teacher, Rows, weight: 1, studentHasHeads: true);
        Assert.True(targets.DistilsOwnershipAndScore);
        targets.Apply(batch);

        for (int row = 0; row < Rows; row++)
        {
            for (int i = 0; i <= Area; i++) Assert.Equal(expected[row].Policy[i], batch.Policy[row * (Area + 1) + i], 1e-5f);
            Assert.Equal(expected[row].Value, batch.Value[row], 1e-5f);
            for (int i = 0; i < Area; i++) Assert.Equal(expected[row].Ownership[i], batch.Ownership[row * Area + i], 1e-5f);
            Assert.Equal(expected[row].Score, batch.Score[row], 1e-4f);
            Assert.Equal((1f, 1f, 1f), (batch.HasPolicy[row], batch.HasOwnership[row], batch.HasScore[row]));
        }
    }

    [Fact]
    public void AtHalfWeightATargetIsTheMeanOfTheTeachersAndTheRecordedOneWhereThereIsOne()
    {
        using var teacher = Teacher();
        var batch = TrainingFixtures.AuxiliaryBatch(Board, Rows, seed: 6);
        var before = (Policy: (float[])batch.Policy.Clone(), Value: (float[])batch.Value.Clone(), Ownership: (float[])batch.Ownership.Clone(),
                      Score: (float[])batch.Score.Clone(), HasPolicy: (float[])batch.HasPolicy.Clone(), HasOwnership: (float[])batch.HasOwnership.Clone());
        var expected = Enumerable.Range(0, Rows).Select(row => Alone(teacher, batch, row)).ToList();

        new TeacherTargets(teacher, Rows, weight: 0.5, studentHasHeads: true).Apply(batch);

        Assert.Contains(0f, before.HasPolicy);
        Assert.Contains(0f, before.HasOwnership);
        for (int row = 0; row < Rows; row++)
        {
            float policyShare = before.HasPolicy[row] > 0 ? 0.5f : 0, ownershipShare = before.HasOwnership[row] > 0 ? 0.5f : 0;
            for (int i = 0; i <= Area; i++)
            {
                int at = row * (Area + 1) + i;
                Assert.Equal((1 - policyShare) * expected[row].Policy[i] + policyShare * before.Policy[at], batch.Policy[at], 1e-5f);
            }
            Assert.Equal(0.5f * expected[row].Value + 0.5f * before.Value[row], batch.Value[row], 1e-5f);
            for (int i = 0; i < Area; i++)
            {
                int at = row * Area + i;
                Assert.Equal((1 - ownershipShare) * expected[row].Ownership[i] + ownershipShare * before.Ownership[at], batch.Ownership[at], 1e-5f);
            }
            Assert.Equal((1 - ownershipShare) * expected[row].Score + ownershipShare * before.Score[row], batch.Score[row], 1e-4f);
            // A mixed π is still a distribution.
            Assert.Equal(1f, batch.Policy.AsSpan(row * (Area + 1), Area + 1).ToArray().Sum(), 1e-4f);
        }
    }

    [Fact]
    public void OwnershipAndScoreAreDistilledOnlyWhenBothNetworksHaveTheHeads()
    {
        using var withHeads = Teacher();
        using var plain = Teacher(heads: false);
        foreach (var (teacher, studentHasHeads) in new[] { (withHeads, false), (plain, true) })
        {
            var batch = TrainingFixtures.AuxiliaryBatch(Board, Rows, seed: 7);
            var ownership = (float[])batch.Ownership.Clone();
            var hasOwnership = (float[])batch.HasOwnership.Clone();
            var targets = new TeacherTargets(teacher, Rows, weight: 1, studentHasHeads);
            Assert.False(targets.DistilsOwnershipAndScore);
            targets.Apply(batch);
            Assert.Equal(ownership, batch.Ownership);
            Assert.Equal(hasOwnership, batch.HasOwnership);
            Assert.All(batch.HasPolicy, flag => Assert.Equal(1f, flag));
        }
    }

    [Fact]
    public void ABatchOfAnotherBoardOrABadWeightIsRefused()
    {
        using var teacher = Teacher();
        Assert.Throws<ArgumentException>(() => new TeacherTargets(teacher, Rows, 1, true).Apply(TrainingFixtures.Batch(7, 2, seed: 1)));
        Assert.Throws<ArgumentException>(() => new TeacherTargets(teacher, 2, 1, true).Apply(TrainingFixtures.Batch(Board, 3, seed: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherTargets(teacher, Rows, 0, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TeacherTargets(teacher, Rows, 1.5, true));
    }
}
