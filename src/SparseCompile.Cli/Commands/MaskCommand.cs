using System.CommandLine;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;
using SparseCompile.Cli.Weights;
using SparseCompile.Compiler.Masks;

namespace SparseCompile.Cli.Commands;

/// <summary><c>sparsec mask &lt;model.onnx&gt; --density d [--scope layer|global] [--sparsity N:M] -o masks.npz [--json]</c>.</summary>
internal static class MaskCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (colors allowed).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var model = new Argument<string>("model")
        {
            Description = "The ONNX model whose MatMul (B), Gemm (B) and Conv (W) weights get masks.",
        };
        var density = NumberOptions.Density("The fraction of weights each mask keeps (by largest magnitude), in (0, 1].");
        var scope = ScopeOption.Create();
        var sparsity = PatternOptions.Optional("--sparsity",
            "Also project every mask onto this N:M pattern along the weight's reduction axis (keeping at most N of the "
            + "mask's weights per group of M). Without it the masks stay unstructured.", null);
        var output = PathOptions.Output("The .npz file to write, keyed by ONNX initializer names (numpy.load reads it).", "masks.npz", ".npz");
        var json = JsonOption.Create("the per-mask and overall densities");

        var command = new Command("mask",
            "Compute magnitude masks for a model's prunable weights and write them as an .npz that 'sparsec compile --mask' "
            + "and numpy read.")
        {
            model,
            density,
            scope,
            sparsity,
            output,
            json,
        };

        command.SetAction(parseResult =>
        {
            var (masks, report) = MaskGeneration.Run(
                parseResult.GetRequiredValue(model),
                parseResult.GetRequiredValue(output),
                parseResult.GetValue(density),
                parseResult.GetValue(scope),
                parseResult.GetValue(sparsity).Pattern);
            NpzWriter.Write(masks, report.Output, NpzCompression.Deflated);

            var stdout = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                stdout.Write(MaskJsonRenderer.Render(report));
                stdout.Flush();
            }
            else
            {
                MaskTableRenderer.Render(report, ConsoleFactory.Create(stdout, stdoutIsTerminal));
                stdout.Flush();
            }

            WarningLines.Write(parseResult.InvocationConfiguration.Error, report.Warnings);
            return ExitCodes.Success;
        });

        return command;
    }
}
