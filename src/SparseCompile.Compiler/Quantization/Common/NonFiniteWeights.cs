using System.Globalization;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>
/// Finds weights holding NaN or infinite values before quantization: INT8 cannot represent them and their scale would
/// be NaN or infinite, so such a weight stays in float (with the warning SC2008) while the rest of the model is quantized.
/// </summary>
internal static class NonFiniteWeights
{
    /// <summary>The number of NaN or infinite values of a FLOAT initializer, and the index and value of the first one.</summary>
    public static (long Count, long First, float FirstValue) Count(OnnxModel model, TensorProto tensor)
    {
        if (tensor.DataType != (int)DataType.Float)
        {
            return (0, -1, 0f);
        }

        var data = model.ReadTensor(tensor);
        ReadOnlySpan<float> values = data.AsSpan<float>();
        long count = 0;
        long first = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                first = first < 0 ? i : first;
                count++;
            }
        }

        return (count, first, first < 0 ? 0f : values[(int)first]);
    }

    /// <summary>
    /// Why <paramref name="tensor"/> must stay float, or null when all its values are finite; warns SC2008 naming
    /// the tensor and the node that reads it when it must.
    /// </summary>
    public static string? Check(CompilationContext context, TensorProto tensor, string node)
    {
        var (count, first, value) = Count(context.Model, tensor);
        if (count == 0)
        {
            return null;
        }

        string reason = string.Create(CultureInfo.InvariantCulture, $"it holds {count} NaN or infinite values, which INT8 cannot represent");
        context.Warn(CompileDiagnosticCodes.NonFiniteWeightKeptFloat,
            string.Create(CultureInfo.InvariantCulture,
                $"weight '{tensor.Name}' (read by {node}) holds {count} NaN or infinite values (the first is element {first}, {value}); it stays in float, not quantized, and the rest of the model is quantized"),
            tensor.Name);
        return reason;
    }
}
