using System.CommandLine;
using SparseCompile.Cli.Compilation;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Commands;

/// <summary>
/// <c>sparsec compile &lt;model.onnx&gt; -o &lt;dir&gt; [--mask &lt;file&gt;] [--sparsity N:M|none] [--exclude &lt;glob&gt;]...
/// [--quantize none|dynamic|static] [--calibration &lt;dir&gt;] [--calibration-method m] [--percentile p] [--embedding-bits 8|4]
/// [--min-cosine c] [--max-drop pp] [--labels &lt;file&gt;] [--data &lt;dir&gt;] [--samples N] [--fallback] [--json]</c>.
/// </summary>
internal static class CompileCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (progress bar and colors).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var model = new Argument<string>("model")
        {
            Description = "The dense ONNX model to compile (.onnx; external data is read from its folder).",
        };
        var output = PathOptions.Output(
            "The folder to write <name>.onnx, <name>.sparsemodel.json and <name>.report.html to (created if missing).", "dir");
        var mask = new Option<string>("--mask")
        {
            Description = "An unstructured keep-mask file (.npz, .npy, .safetensors or .onnx) keyed by ONNX initializer or "
                + "PyTorch parameter names; weights it prunes stay pruned.",
            HelpName = "file",
        };
        var sparsity = PatternOptions.Optional("--sparsity",
            "The N:M pattern to restructure weights to along their reduction axis, or 'none' to apply only the mask.",
            NMPattern.TwoFour);
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Leave dense the weights whose initializer or node name matches this glob (* and ?); repeatable.",
            HelpName = "glob",
            AllowMultipleArgumentsPerToken = false,
        };
        var quantize = QuantizeOptions.Mode();
        var calibration = QuantizeOptions.Calibration();
        var method = QuantizeOptions.Method();
        var percentile = QuantizeOptions.Percentile();
        var activations = QuantizeOptions.Activations();
        var embeddingBits = QuantizeOptions.EmbeddingBits();
        var compress = new Option<bool>("--compress")
        {
            Description = "Also write <name>.onnx.br, the compiled model Brotli-compressed: the form to ship (the runtime decompresses it at load).",
        };
        var minCosine = GateOptionsCli.MinCosine();
        var maxDrop = GateOptionsCli.MaxDrop();
        var labels = SampleOptionsCli.Labels();
        var data = SampleOptionsCli.Data();
        var samples = SampleOptionsCli.Samples();
        var fallback = GateOptionsCli.Fallback();
        var json = JsonOption.Create("the outputs, totals, per-weight outcomes, warnings and the accuracy gate's measures");

        var command = new Command("compile",
            "Compile a dense model into a sparse one: prune every MatMul (B), Gemm (B) and Conv (W) weight to N:M "
            + "(2:4 by default) along its reduction axis, keeping the largest magnitudes (and never a weight the mask prunes); "
            + "write the model, a manifest and an HTML report.")
        {
            model,
            output,
            mask,
            sparsity,
            exclude,
            quantize,
            calibration,
            method,
            percentile,
            activations,
            embeddingBits,
            compress,
            minCosine,
            maxDrop,
            labels,
            data,
            samples,
            fallback,
            json,
        };

        command.Validators.Add(result => OutputFolderCheck.Validate(result, result.GetValue(model), result.GetValue(output)));
        command.Validators.Add(result => QuantizeOptions.Validate(result, quantize, calibration, method, percentile, embeddingBits));
        command.Validators.Add(result => GateOptionsCli.Validate(result, minCosine, maxDrop, fallback, data, samples, labels));
        command.Validators.Add(result => SampleOptionsCli.Validate(result, data, labels));
        command.SetAction(parseResult =>
        {
            var options = new CompileOptions
            {
                ModelPath = parseResult.GetRequiredValue(model),
                OutputDirectory = parseResult.GetRequiredValue(output),
                MaskPath = parseResult.GetValue(mask),
                Sparsity = parseResult.GetValue(sparsity).Pattern,
                Exclude = parseResult.GetValue(exclude) ?? [],
                Compress = parseResult.GetValue(compress),
                Quantization = new QuantizationOptions
                {
                    Mode = parseResult.GetValue(quantize),
                    CalibrationPath = parseResult.GetValue(calibration),
                    Calibration = parseResult.GetValue(method),
                    Percentile = parseResult.GetValue(percentile),
                    SymmetricActivations = parseResult.GetValue(activations) == QuantizeOptions.Int8Activations,
                    EmbeddingBits = parseResult.GetValue(embeddingBits),
                },
            };
            var gate = new AccuracyGateOptions
            {
                Samples = new SampleOptions { DataPath = parseResult.GetValue(data), MaxSamples = parseResult.GetValue(samples) },
                MinCosine = parseResult.GetValue(minCosine),
                MaxDrop = parseResult.GetValue(maxDrop),
                LabelsPath = parseResult.GetValue(labels),
                Fallback = parseResult.GetValue(fallback),
            };
            var stdout = parseResult.InvocationConfiguration.Output;
            bool asJson = parseResult.GetValue(json);
            var console = ConsoleFactory.Create(stdout, stdoutIsTerminal);
            CompileResult Write(CompileOptions o) => asJson ? CompileRunner.Run(o, null)
                : stdoutIsTerminal ? CompileProgressBar.Run(console, progress => CompileRunner.Run(o, progress))
                : CompileRunner.Run(o, new PlainCompileProgress(stdout));

            var gated = gate.IsActive ? AccuracyGate.Compile(options, gate, Write, asJson ? null : new GateProgressLines(stdout)) : null;
            var result = gated?.Compile ?? Write(options);
            var report = new CompileReport(options, CompileOutputs.From(result, options.OutputDirectory), result, gated?.Gate);
            if (asJson)
            {
                stdout.Write(CompileJsonRenderer.Render(report));
            }
            else
            {
                CompileTableRenderer.Render(report, console);
                if (report.Gate is { } gateReport)
                {
                    GateTableRenderer.Render(gateReport, console);
                }
            }

            stdout.Flush();
            WarningLines.Write(parseResult.InvocationConfiguration.Error, result.Warnings);
            return ExitCodes.Success;
        });

        return command;
    }
}
