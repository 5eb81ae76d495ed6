using SparseCompile.Onnx.Protos;
using AttributeType = SparseCompile.Onnx.Protos.AttributeProto.Types.AttributeType;

namespace SparseCompile.Compiler.Preparation;

/// <summary>Reads, sets and removes a node's attributes by name.</summary>
internal static class NodeAttributes
{
    /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
    public static AttributeProto? Find(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name);

    /// <summary>An INT attribute's value, or <paramref name="fallback"/> when the node does not set it.</summary>
    public static long Int(NodeProto node, string name, long fallback) => Find(node, name)?.I ?? fallback;

    /// <summary>A FLOAT attribute's value, or <paramref name="fallback"/> when the node does not set it.</summary>
    public static float Float(NodeProto node, string name, float fallback) => Find(node, name)?.F ?? fallback;

    /// <summary>An INTS attribute's values, or null when the node does not set it.</summary>
    public static long[]? Ints(NodeProto node, string name) => Find(node, name)?.Ints.ToArray();

    /// <summary>Removes the attribute if present.</summary>
    public static void Remove(NodeProto node, string name)
    {
        for (int i = node.Attribute.Count - 1; i >= 0; i--)
        {
            if (node.Attribute[i].Name == name)
            {
                node.Attribute.RemoveAt(i);
            }
        }
    }

    /// <summary>Sets an INT attribute, replacing any attribute of that name.</summary>
    public static void SetInt(NodeProto node, string name, long value)
    {
        Remove(node, name);
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeType.Int, I = value });
    }

    /// <summary>How a node is named in messages: its name, or its op type and first output when it has none.</summary>
    public static string Label(NodeProto node) =>
        string.IsNullOrEmpty(node.Name) ? $"{node.OpType} -> {string.Join(",", node.Output)}" : node.Name;
}
