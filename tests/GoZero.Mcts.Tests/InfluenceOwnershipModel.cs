using GoZero.Network;

namespace GoZero.Mcts.Tests;

/// <summary>
/// A test double of a network with the ownership and score heads whose ownership is a known function of the stones:
/// each point is owned, tanh'd, by whoever has more stones within Manhattan distance <see cref="Reach"/> of it (an
/// influence map, which owns a lone stone deep in the opponent's area for the opponent). It reads the input planes
/// as any network does (planes 0 and 8: the mover's and the opponent's stones now, under the input's symmetry), so its
/// outputs come back through the same mapping as a real network's. Score: the sum of the ownership, komi taken off
/// for Black; value its tanh; policy uniform over the points, pass given <paramref name="passLogit"/> more.
/// </summary>
public sealed class InfluenceOwnershipModel(int size, double komi = 7.5, float passLogit = 0) : IInferenceModel
{
    public const int Reach = 3;

    public ModelDescription Description { get; } = ModelDescription.Of(new NetworkShape(size, 0, 1) { AuxiliaryHeads = true });

    public int Threads => 1;

    /// <summary>How many forward passes ran, rows counted.</summary>
    public int Rows { get; private set; }

    public void Forward(ReadOnlySpan<float> inputs, int batch, ModelOutputs outputs)
    {
        Description.CheckForward(inputs, batch, outputs);
        int area = size * size, length = Description.InputLength;
        for (int b = 0; b < batch; b++)
        {
            var planes = inputs.Slice(b * length, length);
            var own = planes[..area];
            var opponent = planes.Slice(8 * area, area);
            bool blackToMove = planes[16 * area] == 1f;
            double total = 0;
            for (int i = 0; i < area; i++)
            {
                int balance = 0;
                for (int j = 0; j < area; j++)
                    if (Math.Abs(i / size - j / size) + Math.Abs(i % size - j % size) <= Reach)
                        balance += (int)own[j] - (int)opponent[j];
                float owner = MathF.Tanh(balance);
                if (!outputs.Ownership.IsEmpty) outputs.Ownership[b * area + i] = owner;
                total += owner;
            }
            double score = total + (blackToMove ? -komi : komi);
            if (!outputs.Score.IsEmpty) outputs.Score[b] = (float)score;
            outputs.Value[b] = (float)Math.Tanh(score / 10);
            outputs.Policy.Slice(b * (area + 1), area + 1).Clear();
            outputs.Policy[b * (area + 1) + area] = passLogit;
        }
        Rows += batch;
    }

    public void Dispose()
    {
    }
}
