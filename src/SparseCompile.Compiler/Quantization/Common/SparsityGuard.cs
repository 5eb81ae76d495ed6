using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>
/// Checks that quantization kept a weight's sparsity. With zero point 0 every float zero must become INT8 0, and a
/// weight that was N:M along its reduction axis must still have at most N nonzero INT8 values in every group of M.
/// A failure is a bug in SparseCompile, so it throws an SC390x code naming the weight rather than writing a model
/// that silently lost its sparsity.
/// </summary>
public static class SparsityGuard
{
    /// <summary>Throws SC3901 when an element that is zero in <paramref name="original"/> is not zero in <paramref name="quantized"/>.</summary>
    /// <param name="original">The float values, in the same layout as <paramref name="quantized"/>.</param>
    /// <param name="quantized">The INT8 values.</param>
    /// <param name="name">The weight's name, for the error.</param>
    /// <param name="filePath">The model file, for the error.</param>
    public static void EnsureZerosKept(ReadOnlySpan<float> original, ReadOnlySpan<sbyte> quantized, string name, string? filePath = null)
    {
        if (original.Length != quantized.Length)
        {
            throw new ArgumentException($"{original.Length} float values against {quantized.Length} INT8 values", nameof(quantized));
        }

        for (int i = 0; i < original.Length; i++)
        {
            if (original[i] == 0 && quantized[i] != 0)
            {
                throw new SparseCompileException(QuantizationDiagnosticCodes.ZeroNotPreserved, filePath,
                    $"internal error: element {i} of weight '{name}' is 0 in float but {quantized[i]} in INT8", name);
            }
        }
    }

    /// <summary>
    /// Throws SC3900 when a group of M consecutive INT8 values along <paramref name="axis"/> holds more than N nonzeros.
    /// </summary>
    /// <param name="quantized">The INT8 values, row-major.</param>
    /// <param name="dims">Their shape.</param>
    /// <param name="axis">The reduction axis the groups run along.</param>
    /// <param name="pattern">The N:M pattern the float weight satisfied.</param>
    /// <param name="name">The weight's name, for the error.</param>
    /// <param name="filePath">The model file, for the error.</param>
    public static void EnsureNMKept(ReadOnlySpan<sbyte> quantized, IReadOnlyList<long> dims, int axis, NMPattern pattern, string name, string? filePath = null)
    {
        long violating = CountViolatingGroups(quantized, dims, axis, pattern, out long groups);
        if (violating > 0)
        {
            throw new SparseCompileException(QuantizationDiagnosticCodes.SparsityLostAfterQuantization, filePath,
                $"internal error: weight '{name}' was {pattern} sparse along axis {axis} in float, but {violating} of its {groups} groups have more than {pattern.N} nonzero INT8 values",
                name);
        }
    }

    /// <summary>
    /// The groups of M consecutive values along <paramref name="axis"/> with more than N nonzeros. The axis length must
    /// be a multiple of M.
    /// </summary>
    /// <exception cref="ArgumentException">The values do not fill the dims, or the axis does not split into whole groups.</exception>
    public static long CountViolatingGroups(ReadOnlySpan<sbyte> quantized, IReadOnlyList<long> dims, int axis, NMPattern pattern, out long groupCount)
    {
        var groups = AxisGroups.Create(dims, axis, pattern.M);
        if (groups.ElementCount != quantized.Length)
        {
            throw new ArgumentException($"{quantized.Length} values do not fill a tensor of shape [{string.Join(", ", dims)}]", nameof(quantized));
        }

        if (!groups.IsDivisible)
        {
            throw new ArgumentException($"axis {groups.Axis} has length {groups.Length}, not a multiple of {pattern.M}", nameof(axis));
        }

        groupCount = groups.GroupCount;
        int inner = checked((int)groups.Inner);
        var nonzeros = new int[inner];
        long violating = 0;
        for (long o = 0; o < groups.Outer; o++)
        {
            for (long g = 0; g < groups.GroupsPerLine; g++)
            {
                Array.Clear(nonzeros);
                long first = ((o * groups.Length) + (g * pattern.M)) * inner;
                for (int j = 0; j < pattern.M; j++)
                {
                    var row = quantized.Slice((int)(first + ((long)j * inner)), inner);
                    for (int i = 0; i < row.Length; i++)
                    {
                        nonzeros[i] += row[i] != 0 ? 1 : 0;
                    }
                }

                foreach (int count in nonzeros)
                {
                    violating += count > pattern.N ? 1 : 0;
                }
            }
        }

        return violating;
    }
}
