using SparseCompile.Cli.Inspection;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes an <see cref="InspectionReport"/> as Spectre tables, for people.</summary>
internal static class TableRenderer
{
    private static readonly Style Heading = new(decoration: Decoration.Bold);
    private static readonly Style Dim = new(foreground: Color.Grey);
    private static readonly Style Good = new(foreground: Color.Green);
    private static readonly Style Bad = new(foreground: Color.Red);

    /// <summary>Renders the whole report.</summary>
    public static void Render(InspectionReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        Summary(console, report);
        console.WriteLine();
        Section(console, "Inputs and outputs");
        console.Write(Values(report));
        console.WriteLine();

        var parameters = report.Parameters;
        Section(console, $"Parameters: {Format.Count(parameters.Count)} ({Format.Bytes(parameters.Bytes)}) in {Format.Count(parameters.Tensors.Count)} initializers");
        console.Write(ByOpType(parameters));
        console.WriteLine();
        if (parameters.Tensors.Count > 0)
        {
            Section(console, "Initializers");
            console.Write(Tensors(parameters));
            console.WriteLine();
        }

        Section(console, $"{report.Pattern} sparsity of MatMul, Gemm and Conv weights (groups of {report.Pattern.M} along the reduction axis)");
        if (report.Weights.Count == 0)
        {
            console.Write(new Text("No MatMul, Gemm or Conv node reads a weight from an initializer.", Dim));
            console.WriteLine();
            return;
        }

        console.Write(Weights(report));
        console.Write(new Text(Verdict(report)));
        console.WriteLine();
        foreach (string note in Notes(report))
        {
            console.Write(new Text(note, Dim));
            console.WriteLine();
        }
    }

    private static void Section(IAnsiConsole console, string title)
    {
        console.Write(new Text(title, Heading));
        console.WriteLine();
    }

    private static void Summary(IAnsiConsole console, InspectionReport report)
    {
        string producer = string.Join(" ", new[] { report.ProducerName, report.ProducerVersion }.Where(s => s.Length > 0));
        Field(console, "Model", report.File);
        Field(console, "Producer", producer.Length == 0 ? "(not recorded)" : producer);
        Field(console, "IR version", report.IrVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(console, "Opsets", string.Join(", ", report.Opsets.Select(o => $"{o.Domain} {o.Version}")));
    }

    private static void Field(IAnsiConsole console, string name, string value)
    {
        console.Write(new Text(name.PadRight(12), Heading));
        console.Write(new Text(value));
        console.WriteLine();
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderStyle(Dim);
        foreach (string header in headers)
        {
            bool numeric = header is "Nodes" or "Initializers" or "Parameters" or "Bytes" or "Share" or "Axis" or "Zeros" or "Violating groups";
            var column = new TableColumn(new Text(header, Heading));
            table.AddColumn(numeric ? column.RightAligned() : column);
        }

        return table;
    }

    private static Table Values(InspectionReport report)
    {
        var table = NewTable("", "Name", "Type", "Shape");
        foreach (var input in report.Inputs)
        {
            table.AddRow(new Text("input", Dim), new Text(input.Name), new Text(input.ElementType), new Text(input.Shape.ToString()));
        }

        foreach (var output in report.Outputs)
        {
            table.AddRow(new Text("output", Dim), new Text(output.Name), new Text(output.ElementType), new Text(output.Shape.ToString()));
        }

        return table;
    }

    private static Table ByOpType(ParameterSummary parameters)
    {
        var table = NewTable("Op type", "Nodes", "Initializers", "Parameters", "Bytes", "Share");
        foreach (var op in parameters.ByOpType)
        {
            double share = parameters.Count == 0 ? 0 : (double)op.Count / parameters.Count;
            var style = op.Count == 0 ? Dim : Style.Plain;
            table.AddRow(
                new Text(op.OpType),
                new Text(Format.Count(op.NodeCount)),
                new Text(Format.Count(op.TensorCount), style),
                new Text(Format.Count(op.Count), style),
                new Text(Format.Bytes(op.Bytes), style),
                new Text(op.Count == 0 ? "-" : Format.Percent(share), style));
        }

        return table;
    }

    private static Table Tensors(ParameterSummary parameters)
    {
        var table = NewTable("Name", "Type", "Shape", "Parameters", "Bytes", "Read by");
        foreach (var tensor in parameters.Tensors)
        {
            table.AddRow(
                new Text(tensor.Name),
                new Text(tensor.ElementType),
                new Text(Format.Dims(tensor.Dims)),
                new Text(Format.Count(tensor.Count)),
                new Text(Format.Bytes(tensor.Bytes)),
                tensor.ConsumerOpTypes.Count == 0 ? new Text("(unused)", Dim) : new Text(string.Join(", ", tensor.ConsumerOpTypes)));
        }

        return table;
    }

    private static Table Weights(InspectionReport report)
    {
        string pattern = report.Pattern.ToString();
        var table = NewTable("Weight", "Op", "Shape", "Axis", "Zeros", pattern, "Violating groups");
        foreach (var entry in report.Weights)
        {
            var weight = entry.Weight;
            var check = entry.Check;
            string marks = (weight.HasOtherConsumers ? "*" : string.Empty) + (weight.HasConflictingAxes ? "!" : string.Empty);
            IRenderable verdict;
            IRenderable groups;
            if (!check.IsApplicable)
            {
                verdict = new Text("n/a", Dim);
                groups = new Text("-", Dim);
            }
            else
            {
                verdict = check.IsCompliant ? new Text("yes", Good) : new Text("no", Bad);
                groups = new Text($"{Format.Count(check.ViolatingGroupCount)} / {Format.Count(check.GroupCount)}");
            }

            string op = weight.Uses.Count == 1 ? weight.OpType : $"{weight.OpType} x{weight.Uses.Count}";
            table.AddRow(
                new Text(weight.Name + marks),
                new Text(op),
                new Text(Format.Dims(weight.Dims)),
                new Text(weight.ReductionAxis.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Format.Percent(check.ZeroFraction)),
                verdict,
                groups);
        }

        return table;
    }

    private static string Verdict(InspectionReport report)
    {
        string pattern = report.Pattern.ToString();
        string verdict = $"{report.CompliantCount} of {report.Weights.Count} weights already satisfy {pattern}";
        if (report.NotApplicableCount > 0)
        {
            verdict += $"; {report.NotApplicableCount} cannot be {pattern} (n/a: the reduction axis length is not a multiple of {report.Pattern.M}) and would run dense";
        }

        return verdict + ".";
    }

    private static IEnumerable<string> Notes(InspectionReport report)
    {
        if (report.Weights.Any(w => w.Weight.HasOtherConsumers))
        {
            yield return "* also read by other nodes or inputs, which pruning would change too.";
        }

        if (report.Weights.Any(w => w.Weight.HasConflictingAxes))
        {
            yield return "! its nodes reduce over different axes; the axis shown is the first node's.";
        }

        if (report.Weights.Any(w => w.Weight.IsOverridableInput))
        {
            yield return "Some weights are also graph inputs (IR >= 4), so a caller may override them.";
        }
    }
}
