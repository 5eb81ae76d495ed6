using System.Runtime.InteropServices;
using Google.Protobuf;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>Replaces a FLOAT tensor's values in place, keeping its name, dims and everything else about it.</summary>
internal static class TensorValues
{
    /// <summary>Stores <paramref name="values"/> as raw_data, dropping whichever encoding held the old values.</summary>
    public static void WriteFloats(TensorProto tensor, float[] values)
    {
        tensor.FloatData.Clear();
        tensor.DoubleData.Clear();
        tensor.Int32Data.Clear();
        tensor.Int64Data.Clear();
        tensor.ExternalData.Clear();
        tensor.ClearDataLocation();
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
