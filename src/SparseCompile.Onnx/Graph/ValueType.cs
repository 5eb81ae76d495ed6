using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Onnx.Graph;

/// <summary>The element type and shape of a graph value, read from its ValueInfoProto.</summary>
/// <param name="Name">The value's name.</param>
/// <param name="Kind">tensor, sparse_tensor, sequence, map, optional, opaque, or unknown.</param>
/// <param name="ElementType">The ONNX element type number (0 when not a tensor).</param>
/// <param name="Shape">The declared shape.</param>
public sealed record ValueType(string Name, string Kind, int ElementType, TensorShape Shape)
{
    /// <summary>The element type's ONNX spelling (FLOAT, INT64, ...).</summary>
    public string ElementTypeName => ElementType == 0 ? Kind : ElementTypes.Name(ElementType);

    /// <summary>Reads a value's type.</summary>
    public static ValueType Of(ValueInfoProto value)
    {
        var type = value.Type;
        string kind = type?.ValueCase switch
        {
            TypeProto.ValueOneofCase.TensorType => "tensor",
            TypeProto.ValueOneofCase.SparseTensorType => "sparse_tensor",
            TypeProto.ValueOneofCase.SequenceType => "sequence",
            TypeProto.ValueOneofCase.MapType => "map",
            TypeProto.ValueOneofCase.OptionalType => "optional",
            TypeProto.ValueOneofCase.OpaqueType => "opaque",
            _ => "unknown",
        };
        int element = type?.TensorType?.ElemType ?? type?.SparseTensorType?.ElemType ?? 0;
        return new ValueType(value.Name, kind, element, TensorShape.Of(type));
    }
}
