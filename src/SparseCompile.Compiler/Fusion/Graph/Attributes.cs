using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>Reads node attributes and the axes that moved from an attribute to an input in later opsets.</summary>
internal static class Attributes
{
    /// <summary>The INTS attribute <paramref name="name"/>, or null when absent.</summary>
    public static long[]? Ints(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? [.. attribute.Ints] : null;

    /// <summary>The INT attribute <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.I : fallback;

    /// <summary>
    /// The axes of Unsqueeze, Squeeze or a Reduce op: the <c>axes</c> attribute before <paramref name="inputSince"/>,
    /// the constant input <paramref name="inputIndex"/> from then on. <paramref name="known"/> is false when the axes
    /// are a run-time value; the result is null (with <paramref name="known"/> true) when no axes are given.
    /// </summary>
    public static long[]? Axes(SymbolicShapes shapes, NodeProto node, int inputIndex, long inputSince, out bool known)
    {
        known = true;
        if (shapes.Opset < inputSince)
        {
            return Ints(node, "axes");
        }

        if (node.Input.Count <= inputIndex || node.Input[inputIndex].Length == 0)
        {
            return null;
        }

        var axes = shapes.Constants.Integers(node.Input[inputIndex]);
        known = axes is not null;
        return axes;
    }

    /// <summary>True for operators of the default ONNX domain.</summary>
    public static bool IsDefault(NodeProto node) => node.Domain is "" or "ai.onnx";

    /// <summary>True for operators of ONNX Runtime's com.microsoft domain.</summary>
    public static bool IsMicrosoft(NodeProto node) => node.Domain == MicrosoftDomain.Name;
}
