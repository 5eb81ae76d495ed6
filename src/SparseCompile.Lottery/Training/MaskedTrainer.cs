using System.Diagnostics;
using SparseCompile.Lottery.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// Trains a <see cref="MaskedNetwork"/> with Adam on a <see cref="MnistSubset"/>. Every step masks the gradients, and
/// after every optimizer step the weights are multiplied by their masks under no_grad, so pruned weights stay exactly
/// zero. Evaluates validation loss and accuracy and test accuracy every <see cref="TrainingOptions.EvaluateEvery"/>
/// iterations and after the last.
/// </summary>
public static class MaskedTrainer
{
    /// <summary>Trains <paramref name="network"/> in place.</summary>
    /// <exception cref="OperationCanceledException">The hooks' cancellation token fired.</exception>
    public static TrainingResult Train(MaskedNetwork network, MnistSubset data, TrainingOptions options, TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        hooks ??= new TrainingHooks();
        hooks.Distillation?.Validate();
        TorchThreads.Use(options.Threads);
        var clock = Stopwatch.StartNew();

        using var train = new DigitTensors(data.Train);
        using var validation = new DigitTensors(data.Validation);
        using var test = new DigitTensors(data.Test);
        var order = new BatchOrder(data.Train.Count, options.BatchSize, options.DataSeed);
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        double density = network.GetMask().Density;
        var history = new List<EvaluationPoint>();
        double lossSum = 0;
        int lossCount = 0;

        network.train();
        network.ApplyMasks();
        if (hooks.SnapshotAtIteration == 0)
        {
            hooks.SnapshotTaken?.Invoke(network.GetWeights());
        }

        int iteration = 0;
        while (iteration < options.Iterations)
        {
            hooks.Cancellation.ThrowIfCancellationRequested();
            lossSum += Step(network, optimizer, train, order.Next(), hooks.Distillation);
            lossCount++;
            iteration++;
            if (hooks.SnapshotAtIteration == iteration)
            {
                hooks.SnapshotTaken?.Invoke(network.GetWeights());
            }

            bool last = iteration == options.Iterations;
            bool stop = false;
            if (order.AtEpochEnd && hooks.EpochEnded is { } epochEnded)
            {
                stop = epochEnded(order.Epoch);
            }

            if (last || stop || iteration % options.EvaluateEvery == 0)
            {
                var (validationLoss, validationAccuracy) = Evaluator.Evaluate(network, validation);
                var (_, testAccuracy) = Evaluator.Evaluate(network, test);
                var point = new EvaluationPoint(iteration, order.Epoch, lossSum / Math.Max(1, lossCount), validationLoss, validationAccuracy, testAccuracy);
                history.Add(point);
                lossSum = 0;
                lossCount = 0;
                hooks.Progress?.Report(new LotteryProgress(ProgressKind.Evaluation, hooks.Stage, hooks.Level, density, iteration, order.Epoch, point,
                    TotalIterations: options.Iterations));
            }

            if (stop)
            {
                break;
            }
        }

        return new TrainingResult(iteration, history, clock.Elapsed.TotalSeconds);
    }

    private static double Step(MaskedNetwork network, optim.Optimizer optimizer, DigitTensors train, long[] batch, Distillation? distillation)
    {
        using var scope = NewDisposeScope();
        using var indices = tensor(batch);
        var images = train.Images.index_select(0, indices);
        var labels = train.Labels.index_select(0, indices);
        var logits = network.forward(images);
        Tensor loss;
        if (distillation is null)
        {
            loss = nn.functional.cross_entropy(logits, labels);
        }
        else
        {
            Tensor teacherLogits;
            using (no_grad())
            {
                teacherLogits = distillation.Teacher.forward(images);
            }

            loss = Distillation.Loss(logits, teacherLogits, labels, distillation.Temperature, distillation.Alpha);
        }

        optimizer.zero_grad();
        loss.backward();
        network.MaskGradients();
        optimizer.step();
        network.ApplyMasks();
        return loss.item<float>();
    }
}
