using System.Collections.Generic;
using System.Linq;
using SparseCompile.Generator.Models;
using SparseCompile.Generator.Naming;

namespace SparseCompile.Generator.Emit;

/// <summary>
/// Emits the run methods: <c>Run</c> over read-only memory returning <c>Output</c>, <c>RunAsync</c>, and for
/// fixed-shape models a <c>Run</c> over spans that writes into caller buffers without allocating.
/// </summary>
internal static class RunEmitter
{
    public static void Emit(SourceWriter w, ModelSpec model)
    {
        var inputs = model.Inputs.Select(i => $"{RuntimeNames.ReadOnlyMemory}<{i.ElementType.CSharpType}> {Name(i.ParameterName)}").ToList();
        var dims = model.DimParameters.Select(d => $"int {Name(d.Name)}").ToList();
        string parameters = string.Join(", ", inputs.Concat(dims));
        string arguments = string.Join(", ", model.Inputs.Select(i => Name(i.ParameterName)).Concat(model.DimParameters.Select(d => Name(d.Name))));
        string cancellation = Name(model.CancellationParameter);
        string withToken = arguments.Length == 0 ? cancellation : arguments + ", " + cancellation;

        Docs(w, model, "Runs the model and copies every output into managed memory.");
        w.Line("/// <returns>The outputs.</returns>")
         .Line(LengthException)
         .Line($"public {GeneratedMembers.Output} {GeneratedMembers.Run}({parameters}) => {GeneratedMembers.RunCore}({(arguments.Length == 0 ? "default" : arguments + ", default")});")
         .Line();

        Docs(w, model, "Runs the model on the thread pool and copies every output into managed memory.");
        w.Line($"/// <param name=\"{model.CancellationParameter}\">Cancels the run: before it starts, or by asking ONNX Runtime to stop.</param>")
         .Line("/// <returns>The outputs.</returns>")
         .Line(LengthException)
         .Line($"public {RuntimeNames.Task}<{GeneratedMembers.Output}> {GeneratedMembers.RunAsync}({Join(parameters, $"{RuntimeNames.CancellationToken} {cancellation} = default")}) =>")
         .Line($"    {RuntimeNames.Task}.Run(() => {GeneratedMembers.RunCore}({withToken}), {cancellation});")
         .Line();

        w.Line($"private {GeneratedMembers.Output} {GeneratedMembers.RunCore}({Join(parameters, $"{RuntimeNames.CancellationToken} {cancellation}")})").Open()
         .Line($"using var __run = new {RuntimeNames.ModelRun}({GeneratedMembers.Session});");
        foreach (var input in model.Inputs)
        {
            string shape = string.Join(", ", input.Dims.Select(d => d.Parameter is null ? d.Label + "L" : Name(d.Parameter)));
            string labels = string.Join(", ", input.Dims.Select(d => d.Size is null ? DocText.Literal(DimLabel(model, d)) : "null"));
            w.Line($"__run.AddInput({DocText.Literal(input.OnnxName)}, {Name(input.ParameterName)}, new long[] {{ {shape} }}, new string?[] {{ {labels} }});");
        }

        w.Line($"__run.Execute({GeneratedMembers.OutputNames}, {cancellation});")
         .Line($"return new {GeneratedMembers.Output}(__run);")
         .Close().Line();

        if (model.IsStatic)
        {
            SpanRun(w, model);
        }
    }

    private static void SpanRun(SourceWriter w, ModelSpec model)
    {
        var parameters = model.Inputs.Select(i => $"{RuntimeNames.ReadOnlySpan}<{i.ElementType.CSharpType}> {Name(i.ParameterName)}")
            .Concat(model.Outputs.Select(o => $"{RuntimeNames.Span}<{o.ElementType.CSharpType}> {Name(o.ParameterName)}"));
        w.Line("/// <summary>")
         .Line("/// Runs the model on fixed-shape inputs into caller buffers through pre-bound native memory: a warm call allocates")
         .Line("/// no managed memory. Thread-safe.")
         .Line("/// </summary>")
         .Lines(model.Inputs, input => $"/// <param name=\"{input.ParameterName}\">{DocText.Describe("Input", input)}, row-major ({Length(input)} elements).</param>")
         .Lines(model.Outputs, output => $"/// <param name=\"{output.ParameterName}\">Receives {DocText.Describe("output", output)}, row-major ({Length(output)} elements).</param>")
         .Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not its tensor's element count; the message names the tensor and its shape.</exception>")
         .Line($"public void {GeneratedMembers.Run}({string.Join(", ", parameters)})").Open()
         .Line($"var __tensors = this.{GeneratedMembers.Runner}.Rent();")
         .Line("try").Open();
        for (int i = 0; i < model.Inputs.Count; i++)
        {
            w.Line($"__tensors.Write({i}, {Name(model.Inputs[i].ParameterName)});");
        }

        w.Line("__tensors.Run();");
        for (int i = 0; i < model.Outputs.Count; i++)
        {
            w.Line($"__tensors.Read({i}, {Name(model.Outputs[i].ParameterName)});");
        }

        w.Close().Line("finally").Open()
         .Line($"this.{GeneratedMembers.Runner}.Return(__tensors);")
         .Close().Close().Line();
    }

    private static void Docs(SourceWriter w, ModelSpec model, string summary)
    {
        w.Line($"/// <summary>{summary}</summary>")
         .Lines(model.Inputs, input => $"/// <param name=\"{input.ParameterName}\">{DocText.Describe("Input", input)}, row-major.</param>")
         .Lines(model.DimParameters, dim => $"/// <param name=\"{dim.Name}\">The size of the dynamic dimension <c>{DocText.Xml(dim.Label)}</c>.</param>");
    }

    private const string LengthException =
        "/// <exception cref=\"global::System.ArgumentException\">An input's length does not match its shape; the message names the input and the expected shape.</exception>";

    private static string DimLabel(ModelSpec model, DimSpec dim) =>
        model.DimParameters.First(p => p.Name == dim.Parameter).Label;

    private static string Length(TensorSpec tensor) =>
        tensor.Dims.Aggregate(1L, (product, d) => product * d.Size!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Join(string first, string second) => first.Length == 0 ? second : first + ", " + second;

    private static string Name(string identifier) => IdentifierCleaner.Escape(identifier);
}
