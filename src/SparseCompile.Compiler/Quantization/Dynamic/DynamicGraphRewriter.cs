using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>Edits the graph for dynamic quantization once every weight is quantized and checked.</summary>
internal static class DynamicGraphRewriter
{
    /// <summary>
    /// Replaces every reader of the planned weights with its integer form, adds the INT8 and scale initializers and
    /// removes the float initializers left without readers. Nodes keep the graph's order: each replacement takes the
    /// place of the node it replaces, preceded by the DynamicQuantizeLinear of its input when it is the first reader.
    /// </summary>
    public static void Rewrite(OnnxModel model, DynamicQuantizationPlan plan, IReadOnlyDictionary<string, QuantizedInitializers> quantized)
    {
        var graph = model.Graph;
        var names = new NameScope(graph.Proto);
        var activations = new ActivationQuantizer(names);
        var initializers = new List<TensorProto>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var weightNames = new Dictionary<string, QuantizedWeightNames>(StringComparer.Ordinal);
        var byNode = new Dictionary<NodeProto, DynamicCandidate>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in plan.Candidates)
        {
            string weight = candidate.Weight.Name;
            var q = quantized[weight];
            var created = new QuantizedWeightNames(names.Fresh(weight + "_quantized"), names.Fresh(weight + "_scale"));
            weightNames[weight] = created;
            q.Values.Name = created.Values;
            q.Scales.Name = created.Scales;
            initializers.Add(q.Values);
            initializers.Add(q.Scales);
            replaced.Add(weight);
            foreach (var node in candidate.Nodes)
            {
                byNode[node] = candidate;
            }
        }

        var nodes = new List<NodeProto>(graph.Proto.Node.Count + (plan.Candidates.Count * 6));
        foreach (var node in graph.Proto.Node)
        {
            if (!byNode.TryGetValue(node, out var candidate))
            {
                nodes.Add(node);
                continue;
            }

            var weight = weightNames[candidate.Weight.Name];
            if (candidate.Kind == DynamicWeightKind.Gather)
            {
                GatherEmitter.Emit(node, weight, names, nodes);
                continue;
            }

            if (candidate.Kind == DynamicWeightKind.Attention)
            {
                QAttentionEmitter.Emit(node, weight, activations, names, nodes);
                continue;
            }

            string nodeName = string.IsNullOrEmpty(node.Name) ? node.Output[0] : node.Name;
            bool gemmBias = node.OpType == "Gemm" && GemmBias.Has(node);
            if (node.OpType == "Gemm" && node.Input.Count >= 3)
            {
                replaced.Add(node.Input[2]); // a constant C read by no one else goes once unused (beta = 0, or pre-scaled by beta)
            }

            string output = gemmBias ? names.Fresh(node.Output[0] + "_matmul") : node.Output[0];
            MatMulIntegerEmitter.Emit(node.Input[0], weight, output, nodeName, activations, names, nodes);
            if (gemmBias)
            {
                GemmBias.Emit(node, output, model, names, initializers, nodes);
            }
            else
            {
                BiasOrder.PutBiasSecond(graph, node.Output[0]);
            }
        }

        graph.Proto.Node.Clear();
        graph.Proto.Node.AddRange(nodes);
        graph.Proto.Initializer.AddRange(initializers);
        InitializerPruner.RemoveUnused(model.Proto, replaced);
        model.RefreshGraph();
    }
}
