using System.Globalization;
using System.Text;

namespace SparseCompile.Runtime;

/// <summary>Checks the data passed for a model input against its expected shape; used by generated wrappers.</summary>
public static class TensorShapes
{
    /// <summary>
    /// Returns the element count of <paramref name="shape"/>, throwing when a dimension is not positive or when
    /// <paramref name="length"/> differs. Messages name the input and its shape, e.g.
    /// <c>input_ids: expected [batch_size=2, sequence_length=8] = 16 elements, got 15</c>.
    /// </summary>
    /// <param name="input">The ONNX input name.</param>
    /// <param name="length">The number of elements the caller passed.</param>
    /// <param name="shape">The shape the run will use.</param>
    /// <param name="dimNames">Per dimension, the symbolic name printed before its value, or null for a fixed dimension.</param>
    /// <exception cref="ArgumentException">A dimension is not positive or the length does not match.</exception>
    public static long Require(string input, int length, ReadOnlySpan<long> shape, ReadOnlySpan<string?> dimNames)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (dimNames.Length != shape.Length)
        {
            throw new ArgumentException($"{input}: {shape.Length} dimensions but {dimNames.Length} dimension names.", nameof(dimNames));
        }

        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
            {
                throw new ArgumentException($"{input}: dimension {dimNames[i] ?? i.ToString(CultureInfo.InvariantCulture)} must be positive, got {shape[i]} ({Describe(shape, dimNames)}).", input);
            }

            count = checked(count * shape[i]);
        }

        if (count != length)
        {
            throw new ArgumentException($"{input}: expected {Describe(shape, dimNames)} = {count} elements, got {length}.", input);
        }

        return count;
    }

    /// <summary>Formats a shape as <c>[batch_size=2, 3, 224, 224]</c>.</summary>
    public static string Describe(ReadOnlySpan<long> shape, ReadOnlySpan<string?> dimNames)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            string? name = i < dimNames.Length ? dimNames[i] : null;
            if (name is not null)
            {
                text.Append(name).Append('=');
            }

            text.Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
