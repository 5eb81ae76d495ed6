using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>The small constant tensors upgrade steps turn attributes into (named by the scope when added).</summary>
internal static class ConstantTensors
{
    /// <summary>A 1-D INT64 tensor.</summary>
    public static TensorProto Int64Vector(IReadOnlyList<long> values) =>
        TensorFactory.Create<long>(string.Empty, [values.Count], values.ToArray());

    /// <summary>A scalar FLOAT tensor.</summary>
    public static TensorProto FloatScalar(float value) => TensorFactory.Create<float>(string.Empty, [], [value]);

    /// <summary>A scalar of a float element type holding <paramref name="value"/>, or null for other types.</summary>
    public static TensorProto? Scalar(DataType type, float value) => type switch
    {
        DataType.Float => FloatScalar(value),
        DataType.Double => TensorFactory.Create<double>(string.Empty, [], [value]),
        DataType.Float16 => TensorFactory.Create<Half>(string.Empty, [], [(Half)value]),
        _ => null,
    };
}
