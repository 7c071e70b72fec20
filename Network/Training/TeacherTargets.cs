namespace GoZero.Network.Training;

/// <summary>
/// Distillation: a teacher network's outputs become a batch's targets, so that a student (a smaller tower, fit for
/// play on a laptop) learns what a larger network learnt, on the same positions. Hinton, Vinyals and Dean (2015,
/// "Distilling the Knowledge in a Neural Network") train on the teacher's soft distribution, which says far more about a
/// position than one played move; AlphaGo's rollout policy and value network were likewise fitted to a stronger
/// network's outputs. Each row's targets become w·teacher + (1 − w)·recorded: the policy (the teacher's softmax, where
/// the row had no policy target the teacher's alone), the value (the teacher's tanh against z), and, where both
/// networks have KataGo's heads, the ownership and score. The teacher sees the row's planes as they are, under the
/// symmetry the sampler drew, so its outputs are in the row's own frame.
/// </summary>
public sealed class TeacherTargets
{
    private readonly IInferenceModel teacher;
    private readonly float weight;
    private readonly bool auxiliary;
    private readonly float[] logits;
    private readonly float[] values;
    private readonly float[] ownership;
    private readonly float[] scores;
    private readonly float[] softmax;

    /// <param name="teacher">The network whose outputs are the targets; it must play on the student's board.</param>
    /// <param name="capacity">The most rows of a batch.</param>
    /// <param name="weight">w: the teacher's share of each target, in (0, 1]; 1 (the default of net train) for the
    /// teacher's outputs alone.</param>
    /// <param name="studentHasHeads">Whether the student has the ownership and score heads; with a teacher that has
    /// them too, their targets are distilled as well.</param>
    public TeacherTargets(IInferenceModel teacher, int capacity, double weight, bool studentHasHeads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (!(weight > 0 && weight <= 1)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "the teacher's weight must be in (0, 1]");
        this.teacher = teacher;
        this.weight = (float)weight;
        int area = teacher.Description.BoardSize * teacher.Description.BoardSize;
        auxiliary = studentHasHeads && teacher.Description.Has(HeadKind.Ownership) && teacher.Description.Has(HeadKind.Score);
        logits = new float[capacity * (area + 1)];
        softmax = new float[area + 1];
        values = new float[capacity];
        ownership = auxiliary ? new float[capacity * area] : [];
        scores = auxiliary ? new float[capacity] : [];
    }

    /// <summary>Whether the ownership and score are distilled too (both networks have the heads).</summary>
    public bool DistilsOwnershipAndScore => auxiliary;

    /// <summary>Replaces the targets of the batch's rows in use by the mix with the teacher's outputs. Allocates nothing.</summary>
    public void Apply(TrainingBatch batch)
    {
        if (batch.BoardSize != teacher.Description.BoardSize)
            throw new ArgumentException($"the teacher plays on {teacher.Description.BoardSize}×{teacher.Description.BoardSize}, the batch is {batch.BoardSize}×{batch.BoardSize}", nameof(batch));
        int n = batch.Count, policyLength = batch.PolicyLength, area = batch.OwnershipLength;
        if (n == 0) return;
        if (n > values.Length) throw new ArgumentException($"the batch has {n} rows, more than the {values.Length} the teacher was made for", nameof(batch));
        teacher.Forward(batch.Planes.AsSpan(0, n * batch.PlaneLength), n, new ModelOutputs(
            logits.AsSpan(0, n * policyLength), values.AsSpan(0, n),
            auxiliary ? ownership.AsSpan(0, n * area) : default, auxiliary ? scores.AsSpan(0, n) : default));
        float recorded = 1 - weight;
        for (int row = 0; row < n; row++)
        {
            InferenceBatch.Softmax(logits.AsSpan(row * policyLength, policyLength), softmax);
            Mix(batch.Policy.AsSpan(row * policyLength, policyLength), softmax, batch.HasPolicy[row] > 0 ? recorded : 0);
            batch.HasPolicy[row] = 1;
            Mix(batch.Value.AsSpan(row, 1), values.AsSpan(row, 1), recorded);
            if (!auxiliary) continue;
            Mix(batch.Ownership.AsSpan(row * area, area), ownership.AsSpan(row * area, area), batch.HasOwnership[row] > 0 ? recorded : 0);
            batch.HasOwnership[row] = 1;
            Mix(batch.Score.AsSpan(row, 1), scores.AsSpan(row, 1), batch.HasScore[row] > 0 ? recorded : 0);
            batch.HasScore[row] = 1;
        }
    }

    /// <summary>target ← (1 − r)·teacher + r·target: r is the recorded target's share, 0 where there is none.</summary>
    private static void Mix(Span<float> target, ReadOnlySpan<float> teacherOutput, float recordedShare)
    {
        float teacherShare = 1 - recordedShare;
        for (int i = 0; i < target.Length; i++) target[i] = teacherShare * teacherOutput[i] + recordedShare * target[i];
    }
}
