using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.Graph;

namespace SparseCompile.Cli.Inspection;

/// <summary>Everything <c>sparsec inspect</c> reports about a model; renderers only format it.</summary>
/// <param name="File">The model path as the user gave it.</param>
/// <param name="ProducerName">producer_name of the model (may be empty).</param>
/// <param name="ProducerVersion">producer_version of the model (may be empty).</param>
/// <param name="IrVersion">The ONNX IR version.</param>
/// <param name="Opsets">The imported operator sets, default domain first, then by domain.</param>
/// <param name="Inputs">The runtime inputs (initializers listed as inputs are left out), in graph order.</param>
/// <param name="Outputs">The graph outputs, in graph order.</param>
/// <param name="Parameters">Parameter counts and bytes.</param>
/// <param name="Pattern">The N:M pattern the weights were checked against.</param>
/// <param name="Weights">The MatMul (B), Gemm (B) and Conv (W) weights, in graph order of their first use.</param>
internal sealed record InspectionReport(
    string File,
    string ProducerName,
    string ProducerVersion,
    long IrVersion,
    IReadOnlyList<OpsetEntry> Opsets,
    IReadOnlyList<GraphValue> Inputs,
    IReadOnlyList<GraphValue> Outputs,
    ParameterSummary Parameters,
    NMPattern Pattern,
    IReadOnlyList<WeightSparsity> Weights)
{
    /// <summary>Weights that already satisfy the pattern.</summary>
    public int CompliantCount => Weights.Count(w => w.Check.IsCompliant);

    /// <summary>Weights the pattern cannot apply to (reduction length not a multiple of M).</summary>
    public int NotApplicableCount => Weights.Count(w => !w.Check.IsApplicable);
}

/// <summary>An imported operator set.</summary>
/// <param name="Domain">The domain; the default domain is spelled <c>ai.onnx</c>.</param>
/// <param name="Version">The opset version.</param>
internal sealed record OpsetEntry(string Domain, long Version);

/// <summary>A graph input or output.</summary>
/// <param name="Name">The value's name.</param>
/// <param name="ElementType">FLOAT, INT64, ... (or the value kind when it is not a tensor).</param>
/// <param name="Shape">The declared shape: fixed, symbolic or unknown dims.</param>
internal sealed record GraphValue(string Name, string ElementType, TensorShape Shape);

/// <summary>Parameters (initializer elements) of the main graph.</summary>
/// <param name="Count">Elements over all initializers.</param>
/// <param name="Bytes">Bytes the initializers' values occupy packed (as raw_data).</param>
/// <param name="ByOpType">Per op type of the graph's nodes; an initializer read by two op types counts for both.</param>
/// <param name="Tensors">Every initializer, in file order.</param>
internal sealed record ParameterSummary(long Count, long Bytes, IReadOnlyList<OpTypeParameters> ByOpType, IReadOnlyList<TensorParameters> Tensors);

/// <summary>The nodes of one op type and the parameters they read.</summary>
/// <param name="OpType">The op type; qualified as <c>domain:OpType</c> outside the default domain.</param>
/// <param name="NodeCount">Nodes of this op type.</param>
/// <param name="TensorCount">Distinct initializers these nodes read.</param>
/// <param name="Count">Elements of those initializers.</param>
/// <param name="Bytes">Bytes of those initializers.</param>
internal sealed record OpTypeParameters(string OpType, int NodeCount, int TensorCount, long Count, long Bytes);

/// <summary>One initializer.</summary>
/// <param name="Name">The initializer's name.</param>
/// <param name="ElementType">FLOAT, INT64, ...</param>
/// <param name="Dims">Its dims.</param>
/// <param name="Count">Its element count.</param>
/// <param name="Bytes">Its packed byte count.</param>
/// <param name="ConsumerOpTypes">The op types of the nodes reading it, sorted; empty when unused.</param>
internal sealed record TensorParameters(string Name, string ElementType, IReadOnlyList<long> Dims, long Count, long Bytes, IReadOnlyList<string> ConsumerOpTypes);

/// <summary>A prunable weight and how it stands against the N:M pattern.</summary>
/// <param name="Weight">The weight, its uses and reduction axis.</param>
/// <param name="ElementType">FLOAT, FLOAT16, ...</param>
/// <param name="Check">The N:M check along the reduction axis.</param>
internal sealed record WeightSparsity(PrunableWeight Weight, string ElementType, NMCheckResult Check);
