namespace SparseCompile.Generator.Models;

/// <summary>
/// A model input or output: its ONNX name, the C# names chosen for it (<see cref="MemberName"/> for the output
/// property, <see cref="ParameterName"/> for the Run parameter), its element type and its dimensions
/// (<see cref="HasShape"/> is false when the manifest records no rank).
/// </summary>
internal sealed record TensorSpec(
    string OnnxName,
    string MemberName,
    string ParameterName,
    ElementTypeSpec ElementType,
    bool HasShape,
    EquatableArray<DimSpec> Dims)
{
    /// <summary>
    /// True when the shape is known, every dimension is fixed and positive, and the element count fits an int: the
    /// shapes the span overload can bind (the runtime's TensorBinding rejects the others).
    /// </summary>
    public bool IsStatic
    {
        get
        {
            if (!HasShape)
            {
                return false;
            }

            long count = 1;
            foreach (var dim in Dims)
            {
                if (dim.Size is not long size || size <= 0 || size > int.MaxValue / count)
                {
                    return false;
                }

                count *= size;
            }

            return true;
        }
    }

    /// <summary>The shape as documentation shows it: <c>[batch_size, 3, 224, 224]</c>, or <c>unknown</c>.</summary>
    public string ShapeText => HasShape ? "[" + string.Join(", ", System.Linq.Enumerable.Select(Dims, d => d.Label)) + "]" : "unknown";
}
