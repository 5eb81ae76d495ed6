using System.CommandLine;
using SparseCompile.Cli.Evaluation;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Cli.Commands;

/// <summary><c>sparsec eval &lt;reference.onnx&gt; &lt;candidate.onnx&gt; [--data &lt;dir&gt;] [--samples N] [--labels &lt;file&gt;] [--json]</c>.</summary>
internal static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (colors allowed).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var reference = new Argument<string>("reference") { Description = "The reference model, usually the dense input model (.onnx)." };
        var candidate = new Argument<string>("candidate") { Description = "The model to measure against it, usually the compiled one (.onnx)." };
        var data = SampleOptionsCli.Data();
        var samples = SampleOptionsCli.Samples();
        var labels = SampleOptionsCli.Labels();
        var json = JsonOption.Create("the per-output measures and the accuracy");

        var command = new Command("eval",
            "Run two models on the same samples (ONNX Runtime, CPU, 2 threads) and measure how closely the candidate follows the reference: "
            + "per output the mean and lowest cosine similarity, the mean-pooled sentence-embedding cosine for [batch, seq, hidden] outputs "
            + "with an attention_mask input, the largest absolute error, top-1 agreement for [batch, classes] outputs, and with --labels "
            + "both models' accuracy.")
        {
            reference,
            candidate,
            data,
            samples,
            labels,
            json,
        };

        command.Validators.Add(result => SampleOptionsCli.Validate(result, data, labels));
        command.SetAction(parseResult =>
        {
            var options = new EvaluationOptions
            {
                Samples = new SampleOptions { DataPath = parseResult.GetValue(data), MaxSamples = parseResult.GetValue(samples) },
                LabelsPath = parseResult.GetValue(labels),
            };
            string referencePath = parseResult.GetRequiredValue(reference);
            string candidatePath = parseResult.GetRequiredValue(candidate);
            var result = ModelEvaluator.Evaluate(referencePath, candidatePath, options);
            var report = new EvalReport(referencePath, candidatePath, options.Samples.Description, options.LabelsPath, result);
            var stdout = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                stdout.Write(EvalJsonRenderer.Render(report));
            }
            else
            {
                EvalTableRenderer.Render(report, ConsoleFactory.Create(stdout, stdoutIsTerminal));
            }

            stdout.Flush();
            return ExitCodes.Success;
        });

        return command;
    }
}
