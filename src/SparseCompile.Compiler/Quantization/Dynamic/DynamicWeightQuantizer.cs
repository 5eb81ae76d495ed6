using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Turns a candidate's float weight into its INT8 form and checks that sparsity survived: MatMul/Gemm weights become
/// [K, N] (transposed for Gemm transB = 1, alpha folded in) and Attention's packed [K, 3N] weight stays as it is, each
/// with a scale per column; embedding tables keep [V, D]
/// with a scale per row, at <c>embeddingBits</c> precision (8, or 4: values in [-7, 7], still int8, with a clipped scale per row, see
/// <see cref="LowBitRowQuantizer"/>). Every float zero must stay 0, and a weight that was N:M along K must still be N:M in INT8.
/// </summary>
internal static class DynamicWeightQuantizer
{
    /// <summary>Quantizes and checks the weight of <paramref name="candidate"/>.</summary>
    /// <param name="model">The model the weight belongs to.</param>
    /// <param name="candidate">The weight and how it is read.</param>
    /// <param name="pattern">The compile's N:M pattern, or null; checked when the float weight satisfies it.</param>
    /// <param name="tamper">Test hook: alters the INT8 values before the checks run, to prove the checks fire.</param>
    /// <param name="embeddingBits">The precision of an embedding table (Gather data): 8 or 4; other weights always get 8.</param>
    public static QuantizedTensor Quantize(OnnxModel model, DynamicCandidate candidate, NMPattern? pattern, Func<QuantizedTensor, QuantizedTensor>? tamper, int embeddingBits = 8)
    {
        string name = candidate.Weight.Name;
        var values = model.ReadTensor(candidate.Weight).ToSingleArray();
        long rows = candidate.Weight.Dims[0];
        long cols = candidate.Weight.Dims[1];
        long[] dims = [rows, cols];
        int axis = 0;
        if (candidate.Kind != DynamicWeightKind.Gather)
        {
            if (candidate.TransposeB)
            {
                values = Transpose(values, rows, cols);
                dims = [cols, rows];
            }

            if (candidate.Alpha != 1f)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] *= candidate.Alpha;
                }
            }

            axis = 1;
        }

        int qmax = QuantizationOptions.QMaxOf(BitsOf(candidate, embeddingBits));
        var quantized = candidate.Kind == DynamicWeightKind.Gather && qmax < SymmetricInt8.QMax
            ? LowBitRowQuantizer.Quantize(values, dims, qmax, name, model.FilePath)
            : PerChannelQuantizer.Quantize(values, dims, axis, name, model.FilePath, qmax);
        if (tamper is not null)
        {
            quantized = tamper(quantized);
        }

        // The group count first: it names the broken pattern; the zero check then catches any other revived zero.
        if (candidate.Kind != DynamicWeightKind.Gather && pattern is { } nm && NMSparsityChecker.Check(values, dims, 0, nm).IsCompliant)
        {
            SparsityGuard.EnsureNMKept(quantized.Values, dims, 0, nm, name, model.FilePath);
        }

        SparsityGuard.EnsureZerosKept(values, quantized.Values, name, model.FilePath);

        return quantized;
    }

    /// <summary>The precision <paramref name="candidate"/>'s values get: <paramref name="embeddingBits"/> for an embedding table, 8 otherwise.</summary>
    public static int BitsOf(DynamicCandidate candidate, int embeddingBits) =>
        candidate.Kind == DynamicWeightKind.Gather ? embeddingBits : 8;

    /// <summary>The [cols, rows] transpose of row-major [rows, cols] values.</summary>
    internal static float[] Transpose(float[] values, long rows, long cols)
    {
        var result = new float[values.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }

        return result;
    }
}
