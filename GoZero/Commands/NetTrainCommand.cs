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
/// of all the steps, on the same data. With --stream the batches come from every chunk of the folder in epochs
/// (<see cref="StreamingTrainingSampler"/>); the draw of step k is again a function of (seed, k), given the same
/// --batch, --group and chunks. --save-every writes --out every N global steps, atomically, so a run killed even by
/// SIGKILL continues from it with the same command and --from set to it; Ctrl+C stops after the step in progress and
/// writes --out.
/// </summary>
public static class NetTrainCommand
{
    public static int Run(NetOptions options)
    {
        if (options.Data is not { Length: > 0 } data || options.From is not { Length: > 0 } from || options.Out is not { Length: > 0 } output || options.Steps is not int steps)
            return CommandFailure.Report("net train needs --data DIR, --from NET, --out CKPT and --steps N", ExitCode.BadArguments);
        if (steps < 1) return CommandFailure.Report($"--steps must be at least 1, not {steps}", ExitCode.BadArguments);
        if (options.Batch < 1) return CommandFailure.Report($"--batch must be at least 1, not {options.Batch}", ExitCode.BadArguments);
        if (options.Window < 1) return CommandFailure.Report($"--window must be at least 1, not {options.Window}", ExitCode.BadArguments);
        if (options.Group < 1) return CommandFailure.Report($"--group must be at least 1, not {options.Group}", ExitCode.BadArguments);
        if (options.SaveEvery < 0) return CommandFailure.Report($"--save-every must be 0 or more, not {options.SaveEvery}", ExitCode.BadArguments);
        if (!(options.TeacherWeight > 0 && options.TeacherWeight <= 1))
            return CommandFailure.Report($"--teacher-weight must be in (0, 1], not {options.TeacherWeight.ToString(CultureInfo.InvariantCulture)}", ExitCode.BadArguments);
        if (options.Teacher is { } teacherArgument && PathArgument.Empty(teacherArgument, "--teacher", "the network to distil") is { } emptyTeacher)
            return CommandFailure.Report(emptyTeacher, ExitCode.BadArguments);
        var (placement, badPlacement) = options.Placement();
        if (placement is null) return CommandFailure.Report(badPlacement!, ExitCode.BadArguments);
        if (!Directory.Exists(data)) return CommandFailure.Report(PathArgument.NotAFolder(data) ?? $"{data}: no such folder", ExitCode.BadInput);
        // Checked now, not after the steps: training must not end in a checkpoint that cannot be written.
        if (PathArgument.NotWritable(output) is { } notWritable) return CommandFailure.Report(notWritable, ExitCode.BadInput);

        TrainingOptions training;
        try
        {
            training = new TrainingOptions
            {
                LearningRate = LearningRateSchedule.Parse(options.LearningRate),
                Momentum = options.Momentum,
                WeightDecay = options.WeightDecay,
                ValueWeight = options.ValueWeight,
                OwnershipWeight = options.OwnershipWeight,
                ScoreWeight = options.ScoreWeight,
                Threads = options.Threads,
            }.Validated();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadArguments);
        }

        var start = NetworkFile.Load(from);
        var shape = start.Weights.Shape;
        var teacherFile = options.Teacher is { } teacherPath ? NetworkFile.Load(teacherPath) : null;
        if (teacherFile is not null && teacherFile.Weights.Shape.BoardSize != shape.BoardSize)
            return CommandFailure.Report($"--teacher {options.Teacher} plays on {teacherFile.Weights.Shape.BoardSize}×{teacherFile.Weights.Shape.BoardSize}, --from {from} on {shape.BoardSize}×{shape.BoardSize}", ExitCode.BadInput);
        // The batch of step k: from a window held in memory, or streamed from every chunk in epochs.
        using var stream = options.Stream ? new StreamingTrainingSampler(TrainingDataSet.ChunkPaths(data), shape.BoardSize, (ulong)options.Seed, options.Group) : null;
        var set = stream is null ? TrainingDataSet.Load(data, shape.BoardSize, options.Window) : null;
        foreach (var skipped in (IEnumerable<TrainingDataFormatException>?)stream?.Skipped ?? set!.Skipped) Console.Error.WriteLine($"warning: skipped {skipped.Message}");
        long sampleCount = stream?.SamplesPerEpoch ?? set!.Count;
        int chunkCount = stream?.Chunks.Count ?? set!.Chunks.Count;
        if (sampleCount == 0) return CommandFailure.Report($"{data} holds no readable {shape.BoardSize}×{shape.BoardSize} samples", ExitCode.BadInput);
        Action<TrainingBatch, long> draw = stream is not null ? stream.Fill : new TrainingSampler(set!, (ulong)options.Seed).Fill;
        using var teacherNet = teacherFile is null ? null : ModelFactory.OpenInference(teacherFile.Weights, options.Threads, placement.Backend, placement.Device);
        var teacher = teacherNet is null ? null : new TeacherTargets(teacherNet, options.Batch, options.TeacherWeight, shape.AuxiliaryHeads);
        Action<TrainingBatch, long> fill = teacher is null ? draw : (batch, step) => { draw(batch, step); teacher.Apply(batch); };
        string distilled = teacher is null ? ""
            : string.Create(CultureInfo.InvariantCulture, $", distilling {options.Teacher} ({teacherFile!.Weights.Shape}, sha256 {teacherFile.Sha256[..16]}…, weight {options.TeacherWeight}{(teacher.DistilsOwnershipAndScore ? ", ownership and score too" : "")})");
        string source = stream is null
            ? $"{sampleCount:N0} samples of {chunkCount} chunks"
            : $"every sample of {chunkCount} chunks ({sampleCount:N0} an epoch, {options.Group} chunks a group)";

        using var trainer = ModelFactory.OpenTrainer(start, training, placement.Backend, placement.Device);
        var batch = new TrainingBatch(shape.BoardSize, options.Batch);
        long firstStep = trainer.Steps;
        Console.WriteLine($"training {from} ({shape}, from step {firstStep:N0}) on {source} in {data}: " +
                          $"{steps:N0} steps of {options.Batch}, learning rate {options.LearningRate}, value weight {options.ValueWeight}{AuxiliaryWeights(shape, training)}, {options.Threads} thread(s), {placement}{distilled}");
        if (stream is not null) Console.WriteLine($"epoch {stream.EpochOf(firstStep * options.Batch)} at step {firstStep:N0}");

        var baseMetadata = (start.Checkpoint?.Metadata ?? CheckpointMetadata.New()) with
        {
            ParentName = Path.GetFileName(from),
            ParentSha256 = start.Sha256,
        };
        CheckpointMetadata Metadata() => baseMetadata with
        {
            CreatedUtc = DateTime.UtcNow,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"gozero net train: steps {firstStep}–{trainer.Steps} on {(stream is null ? "" : $"stream (group {options.Group}) of ")}{sampleCount} samples of {chunkCount} chunks of {data}, batch {options.Batch}, lr {options.LearningRate}, value weight {options.ValueWeight}{AuxiliaryWeights(shape, training)}, seed {options.Seed}{distilled}"),
        };
        string? saved = null;

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += stop;
        var clock = Stopwatch.StartNew();
        TrainingLoss? last = null;
        double sumPolicy = 0, sumValue = 0, sumOwnership = 0, sumScore = 0;
        int done = 0;
        void TakeStep()
        {
            fill(batch, trainer.Steps);
            last = trainer.Step(batch);
            sumPolicy += last.Policy;
            sumValue += last.Value;
            sumOwnership += last.Ownership ?? 0;
            sumScore += last.Score ?? 0;
            done++;
            if (options.SaveEvery > 0 && trainer.Steps % options.SaveEvery == 0 && done < steps)
            {
                // Atomic (Checkpoint.Save): a kill during the write leaves the previous checkpoint whole.
                trainer.EnsureFinite(batch);
                trainer.ToCheckpoint(Metadata()).Save(output);
                saved = output;
            }
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
                // A line every 5% of the steps, and at least one every 10 minutes: a long run's 5% can be hours.
                int every = Math.Max(1, steps / 20);
                var lastLine = clock.Elapsed;
                while (done < steps && !interrupt.IsCancellationRequested)
                {
                    TakeStep();
                    if (done % every != 0 && done != steps && clock.Elapsed - lastLine < TimeSpan.FromMinutes(10)) continue;
                    lastLine = clock.Elapsed;
                    Console.WriteLine(Describe(trainer.Steps, last!, options.Batch * done / clock.Elapsed.TotalSeconds));
                }
            }
        }
        catch (TrainingDivergedException e)
        {
            return Diverged(e, options.LearningRate, output, saved ?? from);
        }
        catch (TrainingDataFormatException e)
        {
            // A streamed chunk that became unreadable: the draws of every later step depend on it.
            string kept = saved is null ? "" : $"; {saved} holds step {trainer.Steps - trainer.Steps % options.SaveEvery:N0}";
            return CommandFailure.Report($"{e.Message}: training stopped{kept}", ExitCode.BadInput);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        Checkpoint trained;
        try
        {
            if (done > 0) trainer.EnsureFinite(batch);
            trained = trainer.ToCheckpoint(Metadata());
        }
        catch (TrainingDivergedException e)
        {
            return Diverged(e, options.LearningRate, output, saved ?? from);
        }
        trained.Save(output);
        string stopped = done < steps ? $" (stopped after {done} of {steps} steps)" : "";
        if (stream is not null)
            stopped += string.Create(CultureInfo.InvariantCulture, $"; {stream.GroupsLoaded} groups read, {stream.LoadWait.TotalSeconds:0.0} s waiting for them");
        int counted = Math.Max(done, 1);
        string auxiliary = shape.AuxiliaryHeads ? string.Create(CultureInfo.InvariantCulture, $", ownership {sumOwnership / counted:0.0000}, score {sumScore / counted:0.0000}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: step {trainer.Steps:N0}; mean of these {done} steps: policy {sumPolicy / counted:0.0000}, value {sumValue / counted:0.0000}{auxiliary}; {options.Batch * done / clock.Elapsed.TotalSeconds:0} samples/s{stopped}"));
        return ExitCode.Success;
    }

    /// <summary>A diverged session writes nothing more: <paramref name="output"/> keeps what it held, and the last good
    /// network is the last periodic checkpoint of this session or else the one it started from (the state before the
    /// failing step already gives a non-finite loss).</summary>
    private static int Diverged(TrainingDivergedException e, string learningRate, string output, string lastGood) =>
        CommandFailure.Report(string.Create(CultureInfo.InvariantCulture,
            $"training diverged at step {e.Step:N0} ({e.What}): lower --lr (it was {learningRate}); {(lastGood == output ? $"{output} holds the last good checkpoint" : $"nothing was written to {output}, the last good checkpoint is {lastGood}")}"),
            ExitCode.BadInput);

    private static string Describe(long step, TrainingLoss loss, double samplesPerSecond) => string.Create(CultureInfo.InvariantCulture,
        $"step {step:N0}: loss {loss.Total:0.0000} (policy {loss.Policy:0.0000}, value {loss.Value:0.0000}{loss.Auxiliary}), {samplesPerSecond:0} samples/s");

    /// <summary>", ownership weight X, score weight Y" for a network with those heads (the others ignore them).</summary>
    private static string AuxiliaryWeights(NetworkShape shape, TrainingOptions training) => shape.AuxiliaryHeads
        ? string.Create(CultureInfo.InvariantCulture, $", ownership weight {training.OwnershipWeight}, score weight {training.ScoreWeight}")
        : "";
}
