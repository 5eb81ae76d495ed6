using System.CommandLine;
using SparseCompile.Cli.EarlyBirds;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Rendering;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Cli.Commands;

/// <summary><c>sparsec earlybird &lt;checkpoint.onnx&gt;... --density d [--threshold 0.1] [--window 5] [--scope layer|global] [--json]</c>.</summary>
internal static class EarlyBirdCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdoutIsTerminal">True when the output writer is an interactive terminal (colors allowed).</param>
    public static Command Create(bool stdoutIsTerminal)
    {
        var checkpoints = new Argument<string[]>("checkpoints")
        {
            Description = "Checkpoints of one model (.onnx) in training order; all must have the same prunable weights.",
            Arity = ArgumentArity.OneOrMore,
        };
        var density = NumberOptions.Density("The fraction of weights every mask keeps (by largest magnitude), in (0, 1].");
        var threshold = NumberOptions.Fraction("--threshold",
            "The largest mask distance at which two checkpoints count as converged.", EarlyBird.DefaultThreshold);
        var window = NumberOptions.AtLeast("--window",
            "How many consecutive masks must agree: the newest and the window-1 before it.", 2, EarlyBird.DefaultWindow);
        var scope = ScopeOption.Create();
        var json = JsonOption.Create("the distance matrix and the verdict");

        var command = new Command("earlybird",
            "Find the Early-Bird ticket (You et al., 2020): mask every checkpoint by magnitude and name the first one "
            + "whose mask is within the threshold of each of the previous window-1 masks.")
        {
            checkpoints,
            density,
            threshold,
            window,
            scope,
            json,
        };

        command.SetAction(parseResult =>
        {
            var result = EarlyBirdSearch.Run(
                parseResult.GetRequiredValue(checkpoints),
                parseResult.GetValue(density),
                parseResult.GetValue(scope),
                parseResult.GetValue(threshold),
                parseResult.GetValue(window));
            var stdout = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                stdout.Write(EarlyBirdJsonRenderer.Render(result));
            }
            else
            {
                EarlyBirdTableRenderer.Render(result, ConsoleFactory.Create(stdout, stdoutIsTerminal));
            }

            stdout.Flush();
            WarningLines.Write(parseResult.InvocationConfiguration.Error, result.Warnings);
            return ExitCodes.Success;
        });

        return command;
    }
}
