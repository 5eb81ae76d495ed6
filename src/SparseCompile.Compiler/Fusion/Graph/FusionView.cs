using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>What the matchers see of one graph snapshot: producers and consumers, constants and symbolic shapes.</summary>
internal sealed class FusionView
{
    private readonly HashSet<string> graphOutputs;

    /// <summary>Indexes <paramref name="model"/>'s main graph as it is now.</summary>
    public FusionView(OnnxModel model)
    {
        Model = model;
        model.RefreshGraph();
        Graph = model.Graph;
        Constants = new ConstantReader(model);
        Shapes = new SymbolicShapes(model, Constants);
        graphOutputs = model.Proto.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The model.</summary>
    public OnnxModel Model { get; }

    /// <summary>The graph lookups.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>The constants.</summary>
    public ConstantReader Constants { get; }

    /// <summary>The symbolic shapes.</summary>
    public SymbolicShapes Shapes { get; }

    /// <summary>The node producing <paramref name="value"/> when it is a default-domain <paramref name="opType"/>, else null.</summary>
    public NodeProto? Producer(string value, string opType) =>
        Graph.Producer(value) is { } node && node.OpType == opType && Attributes.IsDefault(node) ? node : null;

    /// <summary>True when <paramref name="value"/> is a graph output.</summary>
    public bool IsGraphOutput(string value) => graphOutputs.Contains(value);

    /// <summary>
    /// True when <paramref name="value"/> is not a graph output and every node reading it is <paramref name="next"/>
    /// (read once) or a Shape node (whose result only matters to shape arithmetic; the rewrite checks it dies too).
    /// </summary>
    public bool OnlyFeeds(string value, NodeProto next)
    {
        if (IsGraphOutput(value))
        {
            return false;
        }

        var consumers = Graph.Consumers(value);
        return consumers.Count(c => ReferenceEquals(c.Node, next)) == 1
            && consumers.All(c => ReferenceEquals(c.Node, next) || (c.Node.OpType == "Shape" && Attributes.IsDefault(c.Node)));
    }

    /// <summary>The single node reading <paramref name="value"/> apart from Shape nodes, or null when there is not exactly one.</summary>
    public NodeProto? SoleReader(string value)
    {
        if (IsGraphOutput(value))
        {
            return null;
        }

        var readers = Graph.Consumers(value).Where(c => !(c.Node.OpType == "Shape" && Attributes.IsDefault(c.Node))).ToArray();
        return readers.Length == 1 && readers[0].InputIndex >= 0 ? readers[0].Node : null;
    }

    /// <summary>True when the initializer <paramref name="name"/> is read by <paramref name="reader"/> alone, once, and is not a graph output.</summary>
    public bool IsExclusiveConstant(string name, NodeProto reader) =>
        Constants.Initializer(name) is not null && !IsGraphOutput(name)
        && Graph.Consumers(name) is [var only] && ReferenceEquals(only.Node, reader);

    /// <summary>The declared element type of a graph input, or null.</summary>
    public int? InputElementType(string name) =>
        Model.Proto.Graph.Input.FirstOrDefault(i => i.Name == name) is { Type.TensorType: { } tensor } && Constants.Initializer(name) is null
            ? tensor.ElemType
            : null;
}
