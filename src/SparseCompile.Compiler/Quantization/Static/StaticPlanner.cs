using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Decides which candidates to quantize and where QuantizeLinear → DequantizeLinear pairs go, in the form ONNX
/// Runtime's CPU QDQ fusion turns into integer kernels: DQ → Conv → Q becomes QLinearConv, DQ → MatMul → Q
/// QLinearMatMul, DQ → Gemm (→ Q) QGemm, DQ → Add → Q QLinearAdd, DQ → (Global)AveragePool → Q the QLinear pools,
/// and DQ → MaxPool/Reshape/... → Q with equal scales runs on the INT8 values.
/// </summary>
/// <remarks>
/// <para>
/// Every weighted node whose activations calibrate to usable ranges is quantized; a Conv always gets a QuantizeLinear
/// on its output (QLinearConv needs one), a MatMul or Gemm only when a quantized node reads its output (otherwise it
/// fuses into MatMulIntegerToFloat / QGemm with a float output). Activation-only nodes are quantized only when a
/// quantized node reads their output and it is not a graph output, so no pair is spent where nothing fuses; graph
/// outputs of such nodes stay float. A Relu is quantized only after a node that fuses; with asymmetric activations its
/// input is left unquantized and the QuantizeLinear after it (zero point at the bottom of the range) does the clamp,
/// which ONNX Runtime folds into the producer's kernel.
/// </para>
/// <para>
/// With INT8 activations ONNX Runtime on x86 first rewrites each QuantizeLinear → DequantizeLinear pair to UINT8
/// (QDQS8ToU8Transformer), which it only does for a QuantizeLinear with a single DequantizeLinear after it, and it
/// gives every reader of a DequantizeLinear its own copy (EnsureUniqueDQForNodeUnit). So with INT8 activations every
/// quantized reader of a tensor that no quantized node produces gets its own pair, and activation-only nodes whose
/// output has several readers stay float: their readers can then take dedicated pairs from the float output.
/// </para>
/// </remarks>
internal static class StaticPlanner
{
    /// <summary>Plans the rewrite.</summary>
    /// <param name="graph">The main graph.</param>
    /// <param name="candidates">The candidates, in graph order.</param>
    /// <param name="skipped">Weighted nodes already left float by eligibility.</param>
    /// <param name="tensorProblem">Why a tensor cannot be quantized (not FLOAT, no usable range), or null when it can.</param>
    /// <param name="symmetric">True for INT8 symmetric activations, false for UINT8 asymmetric ones.</param>
    public static StaticPlan Plan(OnnxGraph graph, IReadOnlyList<StaticCandidate> candidates, IReadOnlyList<StaticSkip> skipped,
        Func<string, string?> tensorProblem, bool symmetric)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(candidates);
        var allSkipped = skipped.ToList();
        var byNode = new Dictionary<NodeProto, StaticCandidate>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in candidates)
        {
            if (Problem(candidate, tensorProblem) is not { } problem)
            {
                byNode[candidate.Node] = candidate;
            }
            else if (candidate.Role == StaticRole.Weighted)
            {
                allSkipped.Add(new StaticSkip(NodeFactory.Describe(candidate.Node), candidate.Node.OpType, candidate.Weight?.Name, problem));
            }
        }

        var outputs = new HashSet<string>(graph.Proto.Output.Select(o => o.Name), StringComparer.Ordinal);
        Prune(graph, byNode, outputs, symmetric);
        var kept = candidates.Where(c => byNode.ContainsKey(c.Node)).ToArray();
        var tensors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in kept)
        {
            foreach (string input in candidate.ActivationInputs)
            {
                Add(input);
            }

            if (candidate.Role == StaticRole.Weighted && candidate.Node.OpType == "Conv")
            {
                Add(candidate.Output);
            }
        }

        var absorbed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        if (!symmetric)
        {
            foreach (var relu in kept.Where(k => k.Role == StaticRole.Relu))
            {
                string input = relu.Node.Input[0];
                if (graph.Consumers(input).Count == 1 && !outputs.Contains(input) && Fuses(graph.Producer(input), byNode))
                {
                    absorbed.Add(relu.Node);
                    tensors.Remove(input);
                }
            }
        }

        var fused = new HashSet<string>(StringComparer.Ordinal);
        foreach (string tensor in tensors)
        {
            var producer = graph.Producer(tensor);
            bool byQuantizedNode = producer is not null && byNode.TryGetValue(producer, out var p) && p.Role != StaticRole.Relu;
            if (byQuantizedNode || (producer is not null && absorbed.Contains(producer)))
            {
                fused.Add(tensor);
            }
        }

        var sameScale = kept.Where(k => k.Role == StaticRole.SameScale)
            .ToDictionary(k => k.Output, k => k.Node.Input[0], StringComparer.Ordinal);
        return new StaticPlan(kept, tensors, fused, absorbed, sameScale, symmetric, allSkipped);

        void Add(string tensor)
        {
            if (seen.Add(tensor))
            {
                tensors.Add(tensor);
            }
        }
    }

    private static string? Problem(StaticCandidate candidate, Func<string, string?> tensorProblem)
    {
        foreach (string input in candidate.ActivationInputs)
        {
            if (tensorProblem(input) is { } reason)
            {
                return $"its input '{input}' {reason}";
            }
        }

        bool needsOutputRange = candidate.Role is StaticRole.Binary or StaticRole.Pool or StaticRole.Relu
            || (candidate.Role == StaticRole.Weighted && candidate.Node.OpType == "Conv");
        return needsOutputRange && tensorProblem(candidate.Output) is { } outputReason ? $"its output '{candidate.Output}' {outputReason}" : null;
    }

    /// <summary>Drops activation-only nodes until every one left feeds a quantized node (see the remarks).</summary>
    private static void Prune(OnnxGraph graph, Dictionary<NodeProto, StaticCandidate> kept, HashSet<string> outputs, bool symmetric)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var candidate in kept.Values.Where(c => c.Role != StaticRole.Weighted).ToArray())
            {
                if (!Worthwhile(graph, candidate, kept, outputs, symmetric))
                {
                    kept.Remove(candidate.Node);
                    changed = true;
                }
            }
        }
    }

    private static bool Worthwhile(OnnxGraph graph, StaticCandidate candidate, Dictionary<NodeProto, StaticCandidate> kept, HashSet<string> outputs, bool symmetric)
    {
        string output = candidate.Output;
        if (outputs.Contains(output))
        {
            return false;
        }

        var consumers = graph.Consumers(output);
        bool feedsQuantized = consumers.Any(c => kept.TryGetValue(c.Node, out var reader) && reader.Activations.Contains(c.InputIndex));
        if (!feedsQuantized)
        {
            return false;
        }

        if (candidate.Role == StaticRole.Relu)
        {
            return Fuses(graph.Producer(candidate.Node.Input[0]), kept);
        }

        return !symmetric || consumers.Count == 1;
    }

    /// <summary>True when <paramref name="producer"/> is quantized into a kernel that can end in a QuantizeLinear (and so absorb a Relu).</summary>
    private static bool Fuses(NodeProto? producer, Dictionary<NodeProto, StaticCandidate> kept) =>
        producer is not null && kept.TryGetValue(producer, out var p) && p.Role is StaticRole.Weighted or StaticRole.Binary or StaticRole.Pool;
}
