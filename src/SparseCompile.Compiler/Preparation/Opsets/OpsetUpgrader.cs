using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// Plans bringing every default-domain node of a graph from an older opset to <see cref="OperatorUpgrades.TargetOpset"/>.
/// Each node is rewritten on a copy, step by step through its op's versions; the graph itself is not touched, so a
/// plan with blockers leaves the model exactly as it was.
/// </summary>
internal static class OpsetUpgrader
{
    /// <summary>True for the default ONNX domain ("" or "ai.onnx").</summary>
    public static bool IsDefaultDomain(string domain) => domain is "" or "ai.onnx";

    /// <summary>Plans the upgrade of <paramref name="graph"/>'s nodes from opset <paramref name="from"/>.</summary>
    public static OpsetUpgradePlan Plan(OnnxGraph graph, long from)
    {
        var scope = new UpgradeScope(graph);
        var replacements = new Dictionary<int, NodeProto>();
        var blockers = new List<OpsetBlocker>();
        var nodes = graph.Proto.Node;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!IsDefaultDomain(node.Domain))
            {
                continue; // other domains keep their own opset imports
            }

            var (steps, blocked) = OperatorUpgrades.Plan(node.OpType, from);
            if (blocked is not null)
            {
                blockers.Add(new OpsetBlocker(node.OpType, NodeAttributes.Label(node), blocked));
                continue;
            }

            if (Upgrade(scope, node, steps, out var reason) is { } upgraded)
            {
                if (!upgraded.Equals(node))
                {
                    replacements[i] = upgraded;
                }
            }
            else
            {
                blockers.Add(new OpsetBlocker(node.OpType, NodeAttributes.Label(node), reason!));
            }
        }

        return new OpsetUpgradePlan(replacements, scope.AddedInitializers, blockers);
    }

    private static NodeProto? Upgrade(UpgradeScope scope, NodeProto node, IReadOnlyList<(int From, int To, OpsetStep Step)> steps, out string? reason)
    {
        reason = null;
        if (steps.Count == 0)
        {
            return node;
        }

        var copy = node.Clone();
        foreach (var (from, to, step) in steps)
        {
            if (step(scope, copy) is { } why)
            {
                reason = $"{node.OpType}-{from} to {node.OpType}-{to}: {why}";
                return null;
            }
        }

        return copy;
    }
}
