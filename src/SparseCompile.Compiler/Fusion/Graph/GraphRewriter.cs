using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>Applies replacements whose <see cref="RemovalPlan"/> is safe: nodes, initializers and value_info.</summary>
internal static class GraphRewriter
{
    /// <summary>Rewrites the graph of <paramref name="view"/>; the view is stale afterwards.</summary>
    /// <param name="view">The graph as matched.</param>
    /// <param name="replacements">The replacements, each inserted where its anchor was.</param>
    /// <param name="plan">The safe removal plan for them.</param>
    /// <param name="prologue">Nodes that read only graph inputs and initializers, put at the start of the graph.</param>
    public static void Apply(FusionView view, IReadOnlyList<Replacement> replacements, RemovalPlan plan, IReadOnlyList<NodeProto>? prologue = null)
    {
        if (plan.Problem is not null)
        {
            throw new InvalidOperationException("internal error: applying an unsafe removal plan: " + plan.Problem);
        }

        var model = view.Model.Proto;
        var graph = model.Graph;
        var anchors = new Dictionary<NodeProto, IReadOnlyList<NodeProto>>(ReferenceEqualityComparer.Instance);
        foreach (var replacement in replacements)
        {
            anchors.Add(replacement.Anchor, replacement.Insert);
        }

        var nodes = new List<NodeProto>(graph.Node.Count);
        nodes.AddRange(prologue ?? []);
        foreach (var node in graph.Node)
        {
            if (anchors.TryGetValue(node, out var insert))
            {
                nodes.AddRange(insert);
            }
            else if (!plan.Removed.Contains(node))
            {
                nodes.Add(node);
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(replacements.SelectMany(r => r.Initializers));

        var produced = nodes.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        var gone = plan.Removed.SelectMany(n => n.Output).Where(o => o.Length > 0 && !produced.Contains(o)).ToHashSet(StringComparer.Ordinal);
        for (int i = graph.ValueInfo.Count - 1; i >= 0; i--)
        {
            if (gone.Contains(graph.ValueInfo[i].Name))
            {
                graph.ValueInfo.RemoveAt(i);
            }
        }

        InitializerPruner.RemoveUnused(model, plan.Removed.SelectMany(n => n.Input));
        view.Model.RefreshGraph();
    }
}
