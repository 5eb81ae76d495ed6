using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// What an upgrade step may look at and add while it rewrites a copy of one node: the graph as it was, element
/// types and declared shapes, and new initializers (collected here, added to the graph only if nothing blocks).
/// </summary>
internal sealed class UpgradeScope
{
    private readonly HashSet<string> names;
    private readonly Lazy<Dictionary<string, DataType>> types;
    private readonly List<TensorProto> added = [];

    /// <summary>Starts a scope over <paramref name="graph"/>.</summary>
    public UpgradeScope(OnnxGraph graph)
    {
        Graph = graph;
        names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(graph.Proto.Initializer.Select(t => t.Name));
        names.UnionWith(graph.Proto.Input.Concat(graph.Proto.Output).Concat(graph.Proto.ValueInfo).Select(v => v.Name));
        names.UnionWith(graph.Proto.Node.SelectMany(n => n.Input.Concat(n.Output)));
        types = new Lazy<Dictionary<string, DataType>>(() => ElementTypeInference.Infer(graph));
    }

    /// <summary>The graph before the upgrade.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>The initializers steps created, in order.</summary>
    public IReadOnlyList<TensorProto> AddedInitializers => added;

    /// <summary>The element type of a value, or null when neither declared nor inferable.</summary>
    public DataType? ElementTypeOf(string value) => types.Value.TryGetValue(value, out var type) ? type : null;

    /// <summary>The declared shape of a value (unknown when nothing declares it).</summary>
    public TensorShape ShapeOf(string value) => Graph.ShapeOf(value);

    /// <summary>Adds an initializer under a fresh name built from <paramref name="node"/> and <paramref name="suffix"/>; returns the name.</summary>
    public string AddInitializer(NodeProto node, string suffix, TensorProto tensor)
    {
        string stem = (string.IsNullOrEmpty(node.Name) ? node.Output.FirstOrDefault() ?? node.OpType : node.Name) + "_" + suffix;
        string name = stem;
        for (int i = 1; !names.Add(name); i++)
        {
            name = $"{stem}_{i}";
        }

        tensor.Name = name;
        added.Add(tensor);
        return name;
    }
}
