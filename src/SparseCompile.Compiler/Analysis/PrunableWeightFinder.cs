using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// Finds the prunable weights of a model's main graph: initializers read through the weight slot of
/// MatMul, Gemm or Conv (see <see cref="WeightSlots"/>). Graph inputs, node outputs (including Constant
/// nodes) and biases are not prunable. Nested graphs (If, Loop, Scan bodies) are not searched.
/// </summary>
public static class PrunableWeightFinder
{
    /// <summary>The prunable weights of <paramref name="model"/>, ordered by the graph position of their first use.</summary>
    public static IReadOnlyList<PrunableWeight> Find(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Find(model.Graph, model.Proto.IrVersion);
    }

    /// <summary>The prunable weights of <paramref name="graph"/>, ordered by the graph position of their first use.</summary>
    /// <param name="graph">The graph to search.</param>
    /// <param name="irVersion">The model's IR version; from 4 on, an initializer also listed as an input is overridable.</param>
    public static IReadOnlyList<PrunableWeight> Find(OnnxGraph graph, long irVersion)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodeIndex = new Dictionary<NodeProto, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < graph.Proto.Node.Count; i++)
        {
            nodeIndex[graph.Proto.Node[i]] = i;
        }

        var inputNames = graph.Proto.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var outputNames = graph.Proto.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<PrunableWeight>();
        foreach (var tensor in graph.Proto.Initializer)
        {
            if (!ReferenceEquals(graph.FindInitializer(tensor.Name), tensor))
            {
                continue; // a later duplicate of the name; the first one is what nodes read
            }

            int rank = tensor.Dims.Count;
            var uses = new List<WeightUse>();
            bool other = outputNames.Contains(tensor.Name);
            foreach (var consumer in graph.Consumers(tensor.Name))
            {
                // A quantized weight reaches its slot through DequantizeLinear (QDQ format): the slot decides the axis.
                if (IsDequantizeOfInput(consumer))
                {
                    foreach (var slot in graph.Consumers(consumer.Node.Output[0]))
                    {
                        int? slotAxis = slot.InputIndex < 0 ? null : WeightSlots.ReductionAxis(slot.Node, slot.InputIndex, rank);
                        if (slotAxis is int sa)
                        {
                            uses.Add(new WeightUse(slot.Node.Name, nodeIndex[slot.Node], slot.Node.OpType, slot.InputIndex, sa));
                        }
                        else
                        {
                            other = true;
                        }
                    }

                    continue;
                }

                int? axis = consumer.InputIndex < 0 ? null : WeightSlots.ReductionAxis(consumer.Node, consumer.InputIndex, rank);
                if (axis is int a)
                {
                    uses.Add(new WeightUse(consumer.Node.Name, nodeIndex[consumer.Node], consumer.Node.OpType, consumer.InputIndex, a));
                }
                else
                {
                    other = true;
                }
            }

            if (uses.Count == 0)
            {
                continue;
            }

            found.Add(new PrunableWeight(
                tensor.Name,
                (Onnx.Protos.TensorProto.Types.DataType)tensor.DataType,
                tensor.Dims.ToArray(),
                uses[0].ReductionAxis,
                uses,
                other,
                irVersion >= 4 && inputNames.Contains(tensor.Name)));
        }

        return found.OrderBy(w => w.Uses[0].NodeIndex).ToArray();
    }

    private static bool IsDequantizeOfInput(Consumer consumer) =>
        consumer.Node.OpType == "DequantizeLinear" && consumer.Node.Domain is "" or "ai.onnx"
        && consumer.InputIndex == 0 && consumer.Node.Output.Count == 1;
}
