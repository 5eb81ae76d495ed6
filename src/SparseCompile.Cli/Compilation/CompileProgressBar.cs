using SparseCompile.Compiler.Pipeline;
using Spectre.Console;

namespace SparseCompile.Cli.Compilation;

/// <summary>Progress on a terminal: a Spectre progress bar per phase, filled by the steps the passes report.</summary>
internal sealed class CompileProgressBar : ICompileProgress
{
    private readonly ProgressContext context;
    private ProgressTask? current;
    private string currentName = string.Empty;

    private CompileProgressBar(ProgressContext context) => this.context = context;

    /// <summary>Runs <paramref name="compile"/> under a live progress display on <paramref name="console"/>.</summary>
    public static T Run<T>(IAnsiConsole console, Func<ICompileProgress, T> compile)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(compile);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => compile(new CompileProgressBar(context)));
    }

    /// <inheritdoc />
    public void PhaseStarted(int index, int count, string name)
    {
        Finish();
        currentName = $"[{index + 1}/{count}] {name}";
        current = context.AddTask(Markup.Escape(currentName), autoStart: true, maxValue: 1);
    }

    /// <inheritdoc />
    public void Report(PassProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (current is null)
        {
            return;
        }

        current.MaxValue = Math.Max(1, value.Steps);
        current.Value = value.Step;
        current.Description = Markup.Escape(value.Item is null ? currentName : $"{currentName}: {value.Item}");
    }

    /// <inheritdoc />
    public void Completed() => Finish();

    private void Finish()
    {
        if (current is null)
        {
            return;
        }

        current.Description = Markup.Escape(currentName);
        current.Value = current.MaxValue;
        current.StopTask();
    }
}
