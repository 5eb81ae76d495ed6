using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>
/// Hands out value and node names that no part of the model uses yet, nested graphs included, so that inserted
/// tensors and nodes never collide with (or shadow) existing ones.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary>Collects every name used in <paramref name="graph"/> and its nested graphs.</summary>
    public NameScope(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Collect(graph);
    }

    /// <summary>
    /// <paramref name="wanted"/> when it is free, otherwise the first free <c>wanted_2</c>, <c>wanted_3</c>, ...; the name is then taken.
    /// </summary>
    public string Fresh(string wanted)
    {
        if (taken.Add(wanted))
        {
            return wanted;
        }

        for (int i = 2; ; i++)
        {
            string candidate = $"{wanted}_{i}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private void Collect(GraphProto graph)
    {
        taken.UnionWith(graph.Input.Select(v => v.Name));
        taken.UnionWith(graph.Output.Select(v => v.Name));
        taken.UnionWith(graph.ValueInfo.Select(v => v.Name));
        taken.UnionWith(graph.Initializer.Select(t => t.Name));
        taken.UnionWith(graph.SparseInitializer.Select(t => t.Values?.Name ?? string.Empty));
        foreach (var node in graph.Node)
        {
            taken.Add(node.Name);
            taken.UnionWith(node.Input);
            taken.UnionWith(node.Output);
            foreach (var attribute in node.Attribute)
            {
                foreach (var nested in attribute.Graphs.Prepend(attribute.G).OfType<GraphProto>())
                {
                    Collect(nested);
                }
            }
        }

        taken.Remove(string.Empty);
    }
}
