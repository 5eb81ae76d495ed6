using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>Hands out value names no other value, initializer or input of a graph uses.</summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary>Reserves every name <paramref name="graph"/> uses now.</summary>
    public UniqueNames(GraphProto graph)
    {
        taken.UnionWith(graph.Initializer.Select(t => t.Name));
        taken.UnionWith(graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Select(v => v.Name));
        taken.UnionWith(graph.Node.SelectMany(n => n.Input.Concat(n.Output)));
    }

    /// <summary>A bias name for <paramref name="weight"/>: "x.weight" gives "x.bias", anything else "name_bias"; made unique.</summary>
    public string BiasFor(string weight)
    {
        const string suffix = "weight";
        string stem = weight.EndsWith(suffix, StringComparison.Ordinal) && weight.Length > suffix.Length
            ? weight[..^suffix.Length] + "bias"
            : weight + "_bias";
        string name = stem;
        for (int i = 1; !taken.Add(name); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }
}
