using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>Turns sample tensors into ONNX Runtime values; shared by calibration and evaluation.</summary>
internal static class SampleFeeds
{
    /// <summary>A native tensor holding a copy of <paramref name="tensor"/>'s bytes.</summary>
    public static OrtValue ToOrtValue(SampleTensor tensor)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, ToOrt(tensor.ElementType), tensor.Dims.ToArray());
        tensor.Bytes.Span.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    /// <summary>ONNX Runtime's name for an ONNX element type that can be fed.</summary>
    public static TensorElementType ToOrt(DataType type) => type switch
    {
        DataType.Float => TensorElementType.Float,
        DataType.Double => TensorElementType.Double,
        DataType.Float16 => TensorElementType.Float16,
        DataType.Bfloat16 => TensorElementType.BFloat16,
        DataType.Int8 => TensorElementType.Int8,
        DataType.Uint8 => TensorElementType.UInt8,
        DataType.Int16 => TensorElementType.Int16,
        DataType.Uint16 => TensorElementType.UInt16,
        DataType.Int32 => TensorElementType.Int32,
        DataType.Uint32 => TensorElementType.UInt32,
        DataType.Int64 => TensorElementType.Int64,
        DataType.Uint64 => TensorElementType.UInt64,
        DataType.Bool => TensorElementType.Bool,
        _ => throw new ArgumentException($"Element type {type} cannot be fed.", nameof(type)),
    };
}
