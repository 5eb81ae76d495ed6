using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Cli.Compilation;

/// <summary>The accuracy gate's progress as one <c>gate: ...</c> line per stage (the compile's own progress follows for the write).</summary>
internal sealed class GateProgressLines(TextWriter output) : IProgress<GateProgress>
{
    private string? stage;

    /// <inheritdoc />
    public void Report(GateProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Stage == stage)
        {
            return;
        }

        stage = value.Stage;
        string? line = value.Stage switch
        {
            "reference" => "gate: running the input model on the samples",
            "evaluate" => "gate: compiling in memory and comparing with the input model",
            "sensitivity" => $"gate: fallback: measuring what each of {value.Steps} changes costs alone",
            "search" => "gate: fallback: finding the fewest weights to keep",
            "write" => null,
            _ => $"gate: {value.Stage}",
        };
        if (line is not null)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
