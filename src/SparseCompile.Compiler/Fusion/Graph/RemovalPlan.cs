using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// Which nodes a set of replacements removes: the matched nodes, plus every node left without readers because of
/// them (the Shape, Gather, Unsqueeze and Concat nodes that computed their Reshape targets, a mask no block reads any
/// more). Nodes that had no readers before, and nodes whose outputs the new nodes read, are not touched. A plan is safe when nothing that stays reads a removed
/// value other than one the replacements produce again.
/// </summary>
internal sealed class RemovalPlan
{
    private readonly HashSet<NodeProto> removed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Plans the removal for <paramref name="replacements"/> over <paramref name="view"/>'s graph.</summary>
    public RemovalPlan(FusionView view, IEnumerable<Replacement> replacements)
    {
        var list = replacements.ToArray();
        removed.UnionWith(list.SelectMany(r => r.Remove));
        var needed = list.SelectMany(r => r.Insert).SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        Sweep(view, needed);
        var produced = list.SelectMany(r => r.Produced).ToHashSet(StringComparer.Ordinal);
        Problem = FindProblem(view, produced, list);
    }

    /// <summary>Every node that goes, matched or left dead.</summary>
    public IReadOnlySet<NodeProto> Removed => removed;

    /// <summary>Why the plan would break the graph, or null when it is safe.</summary>
    public string? Problem { get; }

    private void Sweep(FusionView view, HashSet<string> needed)
    {
        var queue = new Queue<NodeProto>(removed.SelectMany(n => n.Input).Select(view.Graph.Producer).OfType<NodeProto>());
        while (queue.TryDequeue(out var node))
        {
            if (removed.Contains(node) || node.Output.Any(needed.Contains) || !Dies(view, node))
            {
                continue;
            }

            removed.Add(node);
            foreach (var producer in node.Input.Select(view.Graph.Producer).OfType<NodeProto>())
            {
                queue.Enqueue(producer);
            }
        }
    }

    private bool Dies(FusionView view, NodeProto node)
    {
        var outputs = node.Output.Where(o => o.Length > 0).ToArray();
        if (outputs.Length == 0 || outputs.Any(view.IsGraphOutput))
        {
            return false;
        }

        var readers = outputs.SelectMany(view.Graph.Consumers).ToArray();
        return readers.Length > 0 && readers.All(c => removed.Contains(c.Node));
    }

    private string? FindProblem(FusionView view, HashSet<string> produced, Replacement[] replacements)
    {
        foreach (var node in removed)
        {
            foreach (string output in node.Output.Where(o => o.Length > 0 && !produced.Contains(o)))
            {
                if (view.IsGraphOutput(output))
                {
                    return $"'{output}' is a graph output";
                }

                if (view.Graph.Consumers(output).FirstOrDefault(c => !removed.Contains(c.Node)) is { Node: { } reader })
                {
                    return $"'{output}' is also read by '{(string.IsNullOrEmpty(reader.Name) ? reader.OpType : reader.Name)}'";
                }
            }
        }

        foreach (string input in replacements.SelectMany(r => r.Insert).SelectMany(n => n.Input).Where(i => i.Length > 0 && !produced.Contains(i)))
        {
            if (view.Graph.Producer(input) is { } producer && removed.Contains(producer))
            {
                return $"the fused node reads '{input}', which a removed node computes";
            }
        }

        return null;
    }
}
