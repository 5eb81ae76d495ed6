using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>A runtime input of a model as samples must fill it: name, element type and declared shape.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="ElementType">Its element type; 0 (undefined) when it is not a tensor.</param>
/// <param name="Dims">Its declared dims (fixed, symbolic or unknown), or null when even the rank is unknown.</param>
public sealed record InputSpec(string Name, DataType ElementType, IReadOnlyList<Dimension>? Dims)
{
    /// <summary>The element type's ONNX spelling.</summary>
    public string ElementTypeName => ElementType == DataType.Undefined ? "non-tensor" : ElementTypes.Name((int)ElementType);

    /// <summary>The runtime inputs of <paramref name="model"/> (graph inputs that are not initializers), in order.</summary>
    public static IReadOnlyList<InputSpec> Of(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Graph.RuntimeInputs
            .Select(Onnx.Graph.ValueType.Of)
            .Select(v => new InputSpec(v.Name, v.Kind == "tensor" ? (DataType)v.ElementType : DataType.Undefined, v.Shape.Dims))
            .ToArray();
    }

    /// <summary>The declared shape as text: [batch, 128].</summary>
    public string ShapeText => Dims is null ? "unknown" : "[" + string.Join(", ", Dims) + "]";
}
