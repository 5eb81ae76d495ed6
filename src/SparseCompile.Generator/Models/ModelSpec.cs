namespace SparseCompile.Generator.Models;

/// <summary>
/// Everything the emitter needs for one wrapper class, with no Roslyn symbols or syntax: compared by value, so an
/// unchanged manifest and metadata skip emission.
/// </summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="ClassName">The class name (a valid identifier).</param>
/// <param name="Load">Whether the model is a file beside the app or an embedded resource.</param>
/// <param name="ModelPath">The file path relative to the app folder ('/' separators), or the resource name.</param>
/// <param name="QuantizedQdq">Whether the manifest says static (QDQ) quantization.</param>
/// <param name="ModelFile">The compiled model's file name in the manifest.</param>
/// <param name="Summary">Sparsity and quantization in words, e.g. "2:4 sparsity on 36 of 37 weights; dynamic INT8".</param>
/// <param name="Inputs">The inputs in manifest order.</param>
/// <param name="Outputs">The outputs in manifest order.</param>
/// <param name="DimParameters">The Run parameters that size dynamic input dimensions, in order of first use.</param>
/// <param name="CancellationParameter">The name of RunAsync's cancellation token parameter.</param>
/// <param name="ManifestPath">The manifest the model came from, for diagnostics that concern the whole file.</param>
internal sealed record ModelSpec(
    string? Namespace,
    string ClassName,
    LoadMode Load,
    string ModelPath,
    bool QuantizedQdq,
    string ModelFile,
    string Summary,
    EquatableArray<TensorSpec> Inputs,
    EquatableArray<TensorSpec> Outputs,
    EquatableArray<DimParameter> DimParameters,
    string CancellationParameter,
    string ManifestPath)
{
    /// <summary>The class's full name without <c>global::</c>.</summary>
    public string FullName => (Namespace is null ? "" : Namespace + ".") + ClassName;

    /// <summary>The generated file's hint name.</summary>
    public string HintName => FullName + ".g.cs";

    /// <summary>True when every input and output shape is fixed and bindable (see <see cref="TensorSpec.IsStatic"/>), so the span overload of Run exists.</summary>
    public bool IsStatic => System.Linq.Enumerable.All(Inputs, i => i.IsStatic) && System.Linq.Enumerable.All(Outputs, o => o.IsStatic);
}

/// <summary>A Run parameter that sizes dynamic dimensions: its C# name and the dimension's label (symbol or input-and-axis).</summary>
internal sealed record DimParameter(string Name, string Label);
