using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Rewrites the main graph to the planned QDQ form. A tensor produced by a quantized node is cut right after its
/// producer: the producer writes a fresh float value, QuantizeLinear → DequantizeLinear follows, and the
/// DequantizeLinear takes the tensor's name, so every reader and any graph output sees the dequantized value. Any
/// other quantized tensor gets pairs for its quantized readers only: one shared pair right after it is produced, or
/// with dedicated pairs one per reader, placed just before it. Weighted nodes read their INT8 weight and INT32 bias
/// through DequantizeLinear. Node order stays topological.
/// </summary>
internal static class QdqRewriter
{
    /// <summary>Rewrites <paramref name="model"/>'s main graph in place.</summary>
    /// <param name="model">The model.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="parameters">The scale and zero point of every tensor of the plan.</param>
    /// <param name="weights">The quantized weight of every weighted node of the plan.</param>
    /// <param name="emitter">Creates the nodes and initializers.</param>
    /// <param name="names">Fresh names.</param>
    public static void Rewrite(OnnxModel model, StaticPlan plan, IReadOnlyDictionary<string, ActivationParameters> parameters,
        IReadOnlyDictionary<NodeProto, StaticWeight> weights, QdqEmitter emitter, NameScope names)
    {
        var graph = model.Graph;
        var quantized = new HashSet<string>(plan.Tensors, StringComparer.Ordinal);
        var kept = plan.Kept.ToDictionary(k => k.Node, k => k, (IEqualityComparer<NodeProto>)ReferenceEqualityComparer.Instance);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairsMade = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<NodeProto>(graph.Proto.Node.Count * 3);
        if (!plan.DedicatedPairs)
        {
            foreach (string tensor in plan.Tensors.Where(t => graph.Producer(t) is null))
            {
                EmitShared(tensor); // graph inputs
            }
        }

        foreach (var node in graph.Proto.Node.ToArray())
        {
            if (kept.TryGetValue(node, out var candidate) && !plan.AbsorbedRelus.Contains(node))
            {
                ReadQuantizedInputs(candidate);
                if (candidate.Role == StaticRole.Weighted)
                {
                    ReadQuantizedWeight(candidate, weights[node]);
                }
            }

            nodes.Add(node);
            string output = node.Output.Count > 0 ? node.Output[0] : string.Empty;
            if (!quantized.Contains(output))
            {
                continue;
            }

            if (plan.Fused.Contains(output))
            {
                string raw = names.Fresh(output + "_float");
                node.Output[0] = raw;
                var (q, dq, _) = emitter.ActivationPair(output, raw, parameters[output], output);
                nodes.Add(q);
                nodes.Add(dq);
            }
            else if (!plan.DedicatedPairs)
            {
                EmitShared(output);
            }
        }

        graph.Proto.Node.Clear();
        graph.Proto.Node.AddRange(nodes);

        void EmitShared(string tensor)
        {
            var (q, dq, output) = emitter.ActivationPair(tensor, tensor, parameters[tensor]);
            nodes.Add(q);
            nodes.Add(dq);
            shared[tensor] = output;
        }

        void ReadQuantizedInputs(StaticCandidate candidate)
        {
            var node = candidate.Node;
            var dedicated = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (int slot in candidate.Activations)
            {
                string tensor = node.Input[slot];
                if (!quantized.Contains(tensor) || plan.Fused.Contains(tensor))
                {
                    continue; // a fused tensor already names its DequantizeLinear's output
                }

                if (!plan.DedicatedPairs)
                {
                    node.Input[slot] = shared[tensor];
                    continue;
                }

                if (!dedicated.TryGetValue(tensor, out string? output))
                {
                    int variant = pairsMade.GetValueOrDefault(tensor);
                    pairsMade[tensor] = variant + 1;
                    (var q, var dq, output) = emitter.ActivationPair(tensor, tensor, parameters[tensor], variant: variant);
                    nodes.Add(q);
                    nodes.Add(dq);
                    dedicated[tensor] = output;
                }

                node.Input[slot] = output;
            }
        }

        void ReadQuantizedWeight(StaticCandidate candidate, StaticWeight weight)
        {
            var node = candidate.Node;
            string nodeName = NodeFactory.Describe(node);
            var (weightDq, weightOutput) = emitter.Weight(weight.Weight, nodeName);
            nodes.Add(weightDq);
            node.Input[1] = weightOutput;
            if (weight.Bias is not null)
            {
                var (biasDq, biasOutput) = emitter.Bias(candidate.Bias!.Name, weight.Bias, weight.BiasScales!, nodeName);
                nodes.Add(biasDq);
                node.Input[2] = biasOutput;
            }

            if (node.OpType == "Gemm")
            {
                // alpha is folded into the weight and beta into the bias; QGemm fusion wants beta spelled out.
                SetFloat(node, "alpha", 1f);
                SetFloat(node, "beta", 1f);
            }
        }
    }

    private static void SetFloat(NodeProto node, string name, float value)
    {
        for (int i = node.Attribute.Count - 1; i >= 0; i--)
        {
            if (node.Attribute[i].Name == name)
            {
                node.Attribute.RemoveAt(i);
            }
        }

        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });
    }
}
