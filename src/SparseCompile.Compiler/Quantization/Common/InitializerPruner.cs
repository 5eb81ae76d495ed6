using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>Removes initializers that nothing reads any more (nodes, nested graphs and graph outputs all count as readers).</summary>
public static class InitializerPruner
{
    /// <summary>
    /// Removes those of <paramref name="names"/> that are initializers no longer read, with any value_info entry for them.
    /// Under IR 3, where every initializer is also listed as a graph input, the input entry goes too.
    /// </summary>
    /// <returns>The names removed.</returns>
    public static IReadOnlyList<string> RemoveUnused(ModelProto model, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(names);
        var graph = model.Graph;
        var read = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        CollectReads(graph, read);
        var removed = new List<string>();
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            if (read.Contains(name))
            {
                continue;
            }

            int before = graph.Initializer.Count;
            for (int i = graph.Initializer.Count - 1; i >= 0; i--)
            {
                if (graph.Initializer[i].Name == name)
                {
                    graph.Initializer.RemoveAt(i);
                }
            }

            if (graph.Initializer.Count == before)
            {
                continue;
            }

            removed.Add(name);
            for (int i = graph.ValueInfo.Count - 1; i >= 0; i--)
            {
                if (graph.ValueInfo[i].Name == name)
                {
                    graph.ValueInfo.RemoveAt(i);
                }
            }

            if (model.IrVersion < 4)
            {
                for (int i = graph.Input.Count - 1; i >= 0; i--)
                {
                    if (graph.Input[i].Name == name)
                    {
                        graph.Input.RemoveAt(i);
                    }
                }
            }
        }

        return removed;
    }

    private static void CollectReads(GraphProto graph, HashSet<string> read)
    {
        foreach (var node in graph.Node)
        {
            read.UnionWith(node.Input);
            foreach (var attribute in node.Attribute)
            {
                foreach (var nested in attribute.Graphs.Prepend(attribute.G).OfType<GraphProto>())
                {
                    CollectReads(nested, read);
                    read.UnionWith(nested.Output.Select(o => o.Name));
                }
            }
        }
    }
}
