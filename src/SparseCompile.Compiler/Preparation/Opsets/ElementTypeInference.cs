using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// The element type of each value of a graph: declared (initializers, inputs, outputs, value_info) or carried
/// forward from a node's first input for the ops the upgrade knows, all of which keep their input's type.
/// </summary>
internal static class ElementTypeInference
{
    /// <summary>Element types by value name; values whose type cannot be told are absent.</summary>
    public static Dictionary<string, DataType> Infer(OnnxGraph graph)
    {
        var types = new Dictionary<string, DataType>(StringComparer.Ordinal);
        foreach (var tensor in graph.Proto.Initializer)
        {
            types.TryAdd(tensor.Name, (DataType)tensor.DataType);
        }

        foreach (var value in graph.Proto.Input.Concat(graph.Proto.Output).Concat(graph.Proto.ValueInfo))
        {
            if (value.Type?.TensorType is { ElemType: > 0 } tensorType)
            {
                types.TryAdd(value.Name, (DataType)tensorType.ElemType);
            }
        }

        foreach (var node in graph.TopologicalOrder())
        {
            if (node.Output.Count > 0 && node.Output[0].Length > 0 && !types.ContainsKey(node.Output[0])
                && FirstOutputType(node, types) is { } type)
            {
                types[node.Output[0]] = type;
            }
        }

        return types;
    }

    private static DataType? FirstOutputType(NodeProto node, Dictionary<string, DataType> types)
    {
        if (!OpsetUpgrader.IsDefaultDomain(node.Domain))
        {
            return null;
        }

        switch (node.OpType)
        {
            case "Shape":
                return DataType.Int64;
            case "Cast":
                return NodeAttributes.Find(node, "to") is { } to ? (DataType)to.I : null;
            case "Constant":
                return NodeAttributes.Find(node, "value")?.T is { } value ? (DataType)value.DataType : null;
            default:
                if (!OperatorUpgrades.IsKnown(node.OpType) || node.Input.Count == 0)
                {
                    return null;
                }

                return types.TryGetValue(node.Input[0], out var type) ? type : null;
        }
    }
}
