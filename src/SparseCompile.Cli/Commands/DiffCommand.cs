using System.CommandLine;
using SparseCompile.Cli.Diffing;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;

namespace SparseCompile.Cli.Commands;

/// <summary><c>sparsec diff &lt;a&gt; &lt;b&gt; [--json]</c>.</summary>
internal static class DiffCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (colors allowed).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var a = new Argument<string>("a") { Description = "The first mask file (.npz, .npy, .safetensors or .onnx)." };
        var b = new Argument<string>("b") { Description = "The second mask file; it must hold the same keys with the same shapes." };
        var json = JsonOption.Create("the per-key and overall distances");

        var command = new Command("diff",
            "Compare two mask files key by key: the normalized Hamming distance (1 - matching/total) of every mask, "
            + "and overall, weighted by element count.")
        {
            a,
            b,
            json,
        };

        command.SetAction(parseResult =>
        {
            var report = MaskDiff.Compare(parseResult.GetRequiredValue(a), parseResult.GetRequiredValue(b));
            var stdout = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                stdout.Write(DiffJsonRenderer.Render(report));
            }
            else
            {
                DiffTableRenderer.Render(report, ConsoleFactory.Create(stdout, stdoutIsTerminal));
            }

            stdout.Flush();
            return ExitCodes.Success;
        });

        return command;
    }
}
