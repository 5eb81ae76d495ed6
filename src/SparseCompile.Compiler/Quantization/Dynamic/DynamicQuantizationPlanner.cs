using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Chooses the weights to quantize dynamically: FLOAT initializers read as the 2-D B of MatMul or Gemm (transA = 0)
/// with a run-time A, as the 2-D data of Gather on axis 0, or as the packed weight of a com.microsoft Attention that
/// has a QAttention form (see <see cref="QAttentionForm"/>). A weight stays float when it is excluded (by its name, a
/// reader's name, or the name of a weight it was packed from, see <see cref="Fusion.FusedWeightSources"/>), smaller than
/// <see cref="QuantizationLimits.MinimumElements"/>, also read by anything else (another op or slot, a nested graph,
/// a graph output), overridable as a graph input, or read by nodes needing different INT8 layouts. Conv and other
/// ops are left to static quantization: ONNX Runtime has no fused dynamic kernel for them.
/// </summary>
public static class DynamicQuantizationPlanner
{
    /// <summary>Plans the dynamic quantization of <paramref name="model"/>'s main graph.</summary>
    public static DynamicQuantizationPlan Plan(OnnxModel model, IReadOnlyList<string> exclude) =>
        Plan(model, exclude, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Plans the dynamic quantization, leaving in float the weights the accuracy gate keeps float (by initializer name, or a packed weight's sources).</summary>
    public static DynamicQuantizationPlan Plan(OnnxModel model, IReadOnlyList<string> exclude, IReadOnlySet<string> keepFloat)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(exclude);
        var graph = model.Graph;
        var globs = exclude.Select(p => new NameGlob(p)).ToArray();
        var uses = new Dictionary<string, List<Use>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var node in graph.Proto.Node)
        {
            if (Examine(graph, node) is not { } use)
            {
                continue;
            }

            if (!uses.TryGetValue(use.Weight, out var list))
            {
                uses[use.Weight] = list = [];
                order.Add(use.Weight);
            }

            list.Add(use);
        }

        var candidates = new List<DynamicCandidate>();
        var skipped = new List<QuantizationSkip>();
        foreach (string weight in order)
        {
            var list = uses[weight];
            var first = list[0];
            if (SkipReason(model, graph, weight, list, globs, keepFloat) is { } reason)
            {
                skipped.Add(new QuantizationSkip(weight, NodeFactory.Describe(first.Node), first.Node.OpType, reason));
            }
            else
            {
                candidates.Add(new DynamicCandidate(graph.FindInitializer(weight)!, first.Kind, list.Select(u => u.Node).ToArray(), first.TransposeB, first.Alpha));
            }
        }

        return new DynamicQuantizationPlan(candidates, skipped);
    }

    /// <summary>The weight use of <paramref name="node"/>, if it is a quantizable op reading an initializer in its weight slot.</summary>
    private static Use? Examine(OnnxGraph graph, NodeProto node)
    {
        if (QAttentionForm.IsCandidate(graph, node))
        {
            return new Use(node, node.Input[1], 1, DynamicWeightKind.Attention, false, 1f, QAttentionForm.Problem(graph, node));
        }

        if (!NodeFactory.IsDefaultDomain(node))
        {
            return null;
        }

        switch (node.OpType)
        {
            case "MatMul" when node.Input.Count == 2 && graph.IsInitializer(node.Input[1]):
                return new Use(node, node.Input[1], 1, DynamicWeightKind.MatMul, false, 1f, RunTimeInput(graph, node, "A"));
            case "Gemm" when node.Input.Count >= 2 && graph.IsInitializer(node.Input[1]):
                string? problem = NodeFactory.ReadInt(node, "transA", 0) != 0 ? "its Gemm transposes A (transA = 1)" : RunTimeInput(graph, node, "A");
                return new Use(node, node.Input[1], 1, DynamicWeightKind.MatMul, NodeFactory.ReadInt(node, "transB", 0) != 0, NodeFactory.ReadFloat(node, "alpha", 1f), problem);
            case "Gather" when node.Input.Count == 2 && graph.IsInitializer(node.Input[0]):
                long axis = NodeFactory.ReadInt(node, "axis", 0);
                return new Use(node, node.Input[0], 0, DynamicWeightKind.Gather, false, 1f,
                    axis is 0 or -2 ? null : $"its Gather runs along axis {axis}, not 0");
            default:
                return null;
        }
    }

    private static string? RunTimeInput(OnnxGraph graph, NodeProto node, string what) =>
        graph.IsInitializer(node.Input[0]) ? $"{node.OpType} input {what} is a constant too, so nothing is computed at run time" : null;

    private static string? SkipReason(OnnxModel model, OnnxGraph graph, string weight, List<Use> uses, NameGlob[] globs, IReadOnlySet<string> keepFloat)
    {
        var sources = graph.FindInitializer(weight) is { } packed ? Fusion.FusedWeightSources.Of(packed) : [];
        if (keepFloat.Contains(weight) || sources.Any(keepFloat.Contains))
        {
            return "the accuracy gate keeps it in float";
        }

        foreach (var glob in globs)
        {
            if (glob.IsMatch(weight) || uses.Any(u => glob.IsMatch(u.Node.Name)) || sources.Any(glob.IsMatch))
            {
                return $"matched --exclude '{glob.Pattern}'";
            }
        }

        if (uses.FirstOrDefault(u => u.Problem is not null) is { } bad)
        {
            return bad.Problem;
        }

        var tensor = graph.FindInitializer(weight)!;
        if (tensor.DataType != (int)DataType.Float)
        {
            return $"its element type {Onnx.Tensors.ElementTypes.Name(tensor.DataType)} is not FLOAT";
        }

        if (tensor.Dims.Count != 2)
        {
            return $"it has rank {tensor.Dims.Count}; only 2-D weights are quantized";
        }

        if (model.Proto.Graph.Initializer.Count(i => i.Name == weight) > 1)
        {
            return "more than one initializer has its name";
        }

        var consumers = graph.Consumers(weight);
        if (consumers.Count != uses.Count || consumers.Any(c => !uses.Any(u => ReferenceEquals(u.Node, c.Node) && u.InputIndex == c.InputIndex)))
        {
            return "it is also read by something other than the weight input of MatMul, Gemm, Gather or Attention";
        }

        if (graph.Proto.Output.Any(o => o.Name == weight))
        {
            return "it is also a graph output";
        }

        if (model.Proto.IrVersion >= 4 && graph.Proto.Input.Any(i => i.Name == weight))
        {
            return "it is also a graph input, so a caller could replace it";
        }

        var first = uses[0];
        if (uses.Any(u => u.Kind != first.Kind || u.TransposeB != first.TransposeB || u.Alpha.CompareTo(first.Alpha) != 0))
        {
            return "its readers need different INT8 layouts (Gather rows against MatMul columns, Attention against MatMul, or Gemms with different transB or alpha)";
        }

        long count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        if (count < QuantizationLimits.MinimumElements)
        {
            return $"it has {count} elements, fewer than the {QuantizationLimits.MinimumElements} worth quantizing";
        }

        return null;
    }

    private sealed record Use(NodeProto Node, string Weight, int InputIndex, DynamicWeightKind Kind, bool TransposeB, float Alpha, string? Problem);
}
