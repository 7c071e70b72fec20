using System.Diagnostics;
using System.Globalization;
using GoZero.Network;
using GoZero.Network.Training;
using Spectre.Console;

namespace GoZero.Cli.Commands;

/// <summary>
/// gozero net train --data DIR --from NET --out CKPT --steps N: trains a network on a folder of training chunks. The
/// batch of global step k is drawn by the sampler from (seed, k), and a checkpoint carries the step count and the
/// momentum buffers, so training in several sessions (--from the last --out) gives the same weights as one session
/// of all the steps, on the same data.
/// </summary>
public static class NetTrainCommand
{
    public static int Run(NetOptions options)
    {
        if (options.Data is not { Length: > 0 } data || options.From is not { Length: > 0 } from || options.Out is not { Length: > 0 } output || options.Steps is not int steps)
            return CommandFailure.Report("net train needs --data DIR, --from NET, --out CKPT and --steps N", CommandFailure.BadArguments);
        if (steps < 1) return CommandFailure.Report($"--steps must be at least 1, not {steps}", CommandFailure.BadArguments);
        if (options.Batch < 1) return CommandFailure.Report($"--batch must be at least 1, not {options.Batch}", CommandFailure.BadArguments);
        if (options.Window < 1) return CommandFailure.Report($"--window must be at least 1, not {options.Window}", CommandFailure.BadArguments);
        if (!Directory.Exists(data)) return CommandFailure.Report(PathArgument.NotAFolder(data) ?? $"{data}: no such folder", CommandFailure.BadInput);
        // Checked now, not after the steps: training must not end in a checkpoint that cannot be written.
        if (PathArgument.NotWritable(output) is { } notWritable) return CommandFailure.Report(notWritable, CommandFailure.BadInput);

        TrainingOptions training;
        try
        {
            training = new TrainingOptions
            {
                LearningRate = LearningRateSchedule.Parse(options.LearningRate),
                Momentum = options.Momentum,
                WeightDecay = options.WeightDecay,
                Threads = options.Threads,
            }.Validated();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return CommandFailure.Report(e.Message, CommandFailure.BadArguments);
        }

        var start = NetworkFile.Load(from);
        var shape = start.Weights.Shape;
        var set = TrainingDataSet.Load(data, shape.BoardSize, options.Window);
        foreach (var skipped in set.Skipped) Console.Error.WriteLine($"warning: skipped {skipped.Message}");
        if (set.Count == 0) return CommandFailure.Report($"{data} holds no readable {shape.BoardSize}×{shape.BoardSize} samples", CommandFailure.BadInput);

        using var trainer = start.Checkpoint is { } checkpoint
            ? PolicyValueTrainer.Resume(checkpoint, training)
            : new PolicyValueTrainer(start.Weights, training);
        var sampler = new TrainingSampler(set, (ulong)options.Seed);
        var batch = new TrainingBatch(shape.BoardSize, options.Batch);
        long firstStep = trainer.Steps;
        Console.WriteLine($"training {from} ({shape}, from step {firstStep:N0}) on {set.Count:N0} samples of {set.Chunks.Count} chunks in {data}: " +
                          $"{steps:N0} steps of {options.Batch}, learning rate {options.LearningRate}, {options.Threads} thread(s)");

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += stop;
        var clock = Stopwatch.StartNew();
        TrainingLoss? last = null;
        double sumPolicy = 0, sumValue = 0;
        int done = 0;
        void TakeStep()
        {
            sampler.Fill(batch, trainer.Steps);
            last = trainer.Step(batch);
            sumPolicy += last.Policy;
            sumValue += last.Value;
            done++;
        }
        try
        {
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask("training", maxValue: steps);
                        while (done < steps && !interrupt.IsCancellationRequested)
                        {
                            TakeStep();
                            task.Increment(1);
                            task.Description = Markup.Escape(Describe(trainer.Steps, last!, options.Batch * done / clock.Elapsed.TotalSeconds));
                        }
                    });
            }
            else
            {
                int every = Math.Max(1, steps / 20);
                while (done < steps && !interrupt.IsCancellationRequested)
                {
                    TakeStep();
                    if (done % every == 0 || done == steps)
                        Console.WriteLine(Describe(trainer.Steps, last!, options.Batch * done / clock.Elapsed.TotalSeconds));
                }
            }
        }
        catch (TrainingDivergedException e)
        {
            return Diverged(e, options.LearningRate, output, from);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        var metadata = (start.Checkpoint?.Metadata ?? CheckpointMetadata.New()) with
        {
            CreatedUtc = DateTime.UtcNow,
            ParentName = Path.GetFileName(from),
            ParentSha256 = start.Sha256,
            Notes = string.Create(CultureInfo.InvariantCulture, $"gozero net train: steps {firstStep}–{trainer.Steps} on {set.Count} samples of {data}, batch {options.Batch}, lr {options.LearningRate}, seed {options.Seed}"),
        };
        Checkpoint trained;
        try
        {
            if (done > 0) trainer.EnsureFinite(batch);
            trained = trainer.ToCheckpoint(metadata);
        }
        catch (TrainingDivergedException e)
        {
            return Diverged(e, options.LearningRate, output, from);
        }
        trained.Save(output);
        string stopped = done < steps ? $" (stopped after {done} of {steps} steps)" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: step {trainer.Steps:N0}; mean of these {done} steps: policy {sumPolicy / Math.Max(done, 1):0.0000}, value {sumValue / Math.Max(done, 1):0.0000}; {options.Batch * done / clock.Elapsed.TotalSeconds:0} samples/s{stopped}"));
        return 0;
    }

    /// <summary>A diverged session writes nothing: <paramref name="output"/> keeps what it held, and the network it
    /// started from is the last good one (the state before the failing step already gives a non-finite loss).</summary>
    private static int Diverged(TrainingDivergedException e, string learningRate, string output, string from) =>
        CommandFailure.Report(string.Create(CultureInfo.InvariantCulture,
            $"training diverged at step {e.Step:N0} ({e.What}): lower --lr (it was {learningRate}); nothing was written to {output}, the last good checkpoint is {from}"),
            CommandFailure.BadInput);

    private static string Describe(long step, TrainingLoss loss, double samplesPerSecond) => string.Create(CultureInfo.InvariantCulture,
        $"step {step:N0}: loss {loss.Total:0.0000} (policy {loss.Policy:0.0000}, value {loss.Value:0.0000}), {samplesPerSecond:0} samples/s");
}
