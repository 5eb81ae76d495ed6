using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>Creates default-domain nodes and their attributes, and reads attributes with their spec defaults.</summary>
public static class NodeFactory
{
    /// <summary>A default-domain node.</summary>
    public static NodeProto Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = string.Empty };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    /// <summary>A Cast to FLOAT.</summary>
    public static NodeProto CastToFloat(string name, string input, string output) =>
        Node("Cast", name, [input], [output], IntAttribute("to", (long)TensorProto.Types.DataType.Float));

    /// <summary>An INT attribute.</summary>
    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>The INT attribute <paramref name="name"/> of <paramref name="node"/>, or <paramref name="fallback"/> when absent.</summary>
    public static long ReadInt(NodeProto node, string name, long fallback)
    {
        ArgumentNullException.ThrowIfNull(node);
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        return attribute is null ? fallback : attribute.I;
    }

    /// <summary>The FLOAT attribute <paramref name="name"/> of <paramref name="node"/>, or <paramref name="fallback"/> when absent.</summary>
    public static float ReadFloat(NodeProto node, string name, float fallback)
    {
        ArgumentNullException.ThrowIfNull(node);
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        return attribute is null ? fallback : attribute.F;
    }

    /// <summary>How a node is named in messages: its name, or its op type and first output when it has none.</summary>
    public static string Describe(NodeProto node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return string.IsNullOrEmpty(node.Name) ? $"{node.OpType} -> {node.Output.FirstOrDefault()}" : node.Name;
    }

    /// <summary>True for operators of the default ONNX domain.</summary>
    public static bool IsDefaultDomain(NodeProto node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Domain is "" or "ai.onnx";
    }
}
