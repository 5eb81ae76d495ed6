using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>Whether a BatchNormalization node is the inference form (one output, running statistics) in its opset.</summary>
internal static class BatchNormForm
{
    /// <summary>Null for the inference form, else why the node is not.</summary>
    public static string? WhyNotInference(NodeProto node, long opset)
    {
        if (node.Output.Count == 0 || node.Output[0].Length == 0 || node.Output.Skip(1).Any(o => o.Length > 0))
        {
            return "it has running-statistics outputs (training form)";
        }

        if (opset < 7 && NodeAttributes.Int(node, "is_test", 0) != 1)
        {
            return "is_test is 0 (training mode)";
        }

        if (opset < 9 && NodeAttributes.Int(node, "spatial", 1) != 1)
        {
            return "spatial=0 normalizes every element with its own statistics, not per channel";
        }

        if (opset >= 14 && NodeAttributes.Int(node, "training_mode", 0) != 0)
        {
            return "training_mode is 1";
        }

        return node.Input.Count < 5 || node.Input.Take(5).Any(i => i.Length == 0) ? "it lacks one of its five inputs" : null;
    }
}
