using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// IR 3 required every initializer to be listed as a graph input as well, where it was still a constant. From IR 4
/// on such an input is a default a caller may override, which would stop constant folding and pruning; so a model
/// moved off IR 3 drops those entries, which keeps what it meant.
/// </summary>
internal static class InitializerInputs
{
    /// <summary>Removes the graph inputs that name an initializer; returns how many.</summary>
    public static int Remove(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        int removed = 0;
        for (int i = graph.Input.Count - 1; i >= 0; i--)
        {
            if (initializers.Contains(graph.Input[i].Name))
            {
                graph.Input.RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }
}
