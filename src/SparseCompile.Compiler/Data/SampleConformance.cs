using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Data;

/// <summary>Checks a sample tensor against its input's declared type and shape, converting the element type where numpy users would expect it.</summary>
internal static class SampleConformance
{
    /// <summary><paramref name="tensor"/> converted to <paramref name="input"/>'s type; SC1176 or SC1177 when it cannot feed the input.</summary>
    public static SampleTensor Conform(SampleTensor tensor, InputSpec input, string path)
    {
        if (input.ElementType == Onnx.Protos.TensorProto.Types.DataType.Undefined)
        {
            throw SampleErrors.TypeMismatch(path, tensor.Name, "feeds an input that is not a tensor; only tensor inputs can be fed");
        }

        if (input.Dims is { } dims)
        {
            if (dims.Count != tensor.Dims.Count)
            {
                throw SampleErrors.ShapeMismatch(path, tensor.Name,
                    $"has shape {Shape(tensor.Dims)} of rank {tensor.Dims.Count}, but the input declares {input.ShapeText} of rank {dims.Count}");
            }

            for (int i = 0; i < dims.Count; i++)
            {
                if (dims[i].Value is long size && size != tensor.Dims[i])
                {
                    throw SampleErrors.ShapeMismatch(path, tensor.Name,
                        $"has shape {Shape(tensor.Dims)}, but the input declares {input.ShapeText} (dim {i} must be {size})");
                }
            }
        }

        return ElementConversion.Convert(tensor, input.ElementType, path);
    }

    /// <summary>Dims as [1, 128].</summary>
    public static string Shape(IReadOnlyList<long> dims) => "[" + string.Join(", ", dims) + "]";

    /// <summary>The element type's ONNX spelling.</summary>
    public static string TypeName(Onnx.Protos.TensorProto.Types.DataType type) => ElementTypes.Name((int)type);
}
