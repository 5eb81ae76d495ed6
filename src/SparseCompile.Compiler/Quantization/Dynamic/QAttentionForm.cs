using SparseCompile.Compiler.Fusion;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Which com.microsoft Attention nodes have a QAttention equivalent: a constant FLOAT [input hidden, 3·hidden] weight
/// with a constant bias, at most a mask after it (no past state, attention bias or past length), one output, and
/// attributes QAttention shares (num_heads, scale, mask_filter_value, unidirectional).
/// </summary>
internal static class QAttentionForm
{
    /// <summary>The attributes Attention and QAttention both define.</summary>
    public static readonly IReadOnlySet<string> SharedAttributes = new HashSet<string>(StringComparer.Ordinal) { "num_heads", "scale", "mask_filter_value", "unidirectional" };

    /// <summary>True for a com.microsoft Attention reading an initializer as its weight.</summary>
    public static bool IsCandidate(OnnxGraph graph, NodeProto node) =>
        node.Domain == MicrosoftDomain.Name && node.OpType == "Attention" && node.Input.Count >= 2 && graph.IsInitializer(node.Input[1]);

    /// <summary>Why <paramref name="node"/> cannot become QAttention, or null when it can.</summary>
    public static string? Problem(OnnxGraph graph, NodeProto node)
    {
        if (graph.IsInitializer(node.Input[0]))
        {
            return "Attention input is a constant too, so nothing is computed at run time";
        }

        if (node.Input.Count < 3 || node.Input[2].Length == 0 || !graph.IsInitializer(node.Input[2]))
        {
            return "its Attention has no constant bias, which QAttention requires";
        }

        if (node.Input.Skip(4).Any(i => i.Length > 0) || node.Output.Skip(1).Any(o => o.Length > 0))
        {
            return "its Attention uses past state or an attention bias, which the INT8 form does not carry over";
        }

        if (node.Attribute.FirstOrDefault(a => !SharedAttributes.Contains(a.Name)) is { } other)
        {
            return $"its Attention sets '{other.Name}', which QAttention does not have";
        }

        var weight = graph.FindInitializer(node.Input[1])!;
        return weight.Dims.Count == 2 && weight.Dims[1] % 3 == 0 ? null : "its Attention weight is not [input hidden, 3 x hidden]";
    }
}
