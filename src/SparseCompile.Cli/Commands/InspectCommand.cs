using System.CommandLine;
using SparseCompile.Cli.Inspection;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;

namespace SparseCompile.Cli.Commands;

/// <summary><c>sparsec inspect &lt;model.onnx&gt; [--json] [--pattern N:M]</c>.</summary>
internal static class InspectCommand
{
    /// <summary>Builds the command; output goes to the invocation's output writer.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (colors allowed).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var model = new Argument<string>("model")
        {
            Description = "The ONNX model file to inspect (.onnx; external data is read from its folder).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write one JSON document (schema version 1) instead of tables.",
        };
        var pattern = PatternOptions.Required("--pattern", "The N:M sparsity pattern to check weights against, e.g. 2:4 or 4:8.");

        var command = new Command("inspect",
            "Summarize a model: producer, IR version, opsets, inputs and outputs, parameters (total, by op type, per "
            + "initializer), and for each MatMul (B), Gemm (B) and Conv (W) weight its reduction axis, fraction of zeros "
            + "and whether it already satisfies 2:4 along that axis.")
        {
            model,
            json,
            pattern,
        };

        command.SetAction(parseResult =>
        {
            var report = ModelInspector.Inspect(parseResult.GetRequiredValue(model), parseResult.GetValue(pattern));
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                JsonRenderer.Write(report, output);
            }
            else
            {
                TableRenderer.Render(report, ConsoleFactory.Create(output, stdoutIsTerminal));
                output.Flush();
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
