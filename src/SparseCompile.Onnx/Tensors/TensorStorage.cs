namespace SparseCompile.Onnx.Tensors;

/// <summary>Where a tensor's values are stored in the model.</summary>
public enum TensorStorage
{
    /// <summary>No values: the tensor has zero elements.</summary>
    Empty,
    /// <summary>Packed little-endian bytes in <c>raw_data</c>.</summary>
    Raw,
    /// <summary>One of the typed repeated fields (<c>float_data</c>, <c>int32_data</c>, ...).</summary>
    Typed,
    /// <summary>A range of an external file next to the model.</summary>
    External,
}
