using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>Lookups the folding checks share: which names are constants, graph outputs, and who reads what.</summary>
internal sealed class FoldView
{
    private readonly HashSet<string> overridable;
    private readonly HashSet<string> outputs;

    /// <summary>A view of <paramref name="model"/>'s main graph as it is now.</summary>
    public FoldView(OnnxModel model)
    {
        Model = model;
        Graph = model.Graph;
        Opset = model.OpsetVersion() ?? 0;
        // From IR 4 on, an initializer that is also a graph input is a default a caller may replace, not a constant.
        overridable = model.Proto.IrVersion >= 4
            ? Graph.Proto.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        outputs = Graph.Proto.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The model.</summary>
    public OnnxModel Model { get; }

    /// <summary>Lookups over the main graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>The default-domain opset.</summary>
    public long Opset { get; }

    /// <summary>True when <paramref name="name"/> is an initializer no caller can override.</summary>
    public bool IsConstant(string name) => Graph.IsInitializer(name) && !overridable.Contains(name);

    /// <summary>True when <paramref name="name"/> is read by <paramref name="node"/> through input <paramref name="index"/> and by nothing else (graph outputs included).</summary>
    public bool IsReadOnlyBy(string name, NodeProto node, int index) =>
        !outputs.Contains(name)
        && Graph.Consumers(name) is [var only]
        && ReferenceEquals(only.Node, node)
        && only.InputIndex == index;

    /// <summary>True when nothing reads <paramref name="name"/> and it is not a graph output.</summary>
    public bool IsUnused(string name) => !outputs.Contains(name) && Graph.Consumers(name).Count == 0;
}
