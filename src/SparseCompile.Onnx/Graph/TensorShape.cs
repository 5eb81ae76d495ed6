using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.Graph;

/// <summary>The shape of a tensor value; <see cref="Dims"/> is null when even the rank is unknown.</summary>
public sealed record TensorShape(IReadOnlyList<Dimension>? Dims)
{
    /// <summary>The rank, or null when unknown.</summary>
    public int? Rank => Dims?.Count;

    /// <summary>True when every dimension has a fixed size.</summary>
    public bool IsStatic => Dims is not null && Dims.All(d => d.IsFixed);

    /// <summary>The shape of an initializer (always static).</summary>
    public static TensorShape Of(TensorProto tensor) => new(tensor.Dims.Select(Dimension.Fixed).ToArray());

    /// <summary>The shape declared by a type, or an unknown shape when the type carries none.</summary>
    public static TensorShape Of(TypeProto? type)
    {
        var shape = type?.TensorType?.Shape ?? type?.SparseTensorType?.Shape;
        if (shape is null)
        {
            return new TensorShape((IReadOnlyList<Dimension>?)null);
        }

        return new TensorShape(shape.Dim.Select(d => d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Dimension.Fixed(d.DimValue),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => Dimension.Named(d.DimParam),
            _ => Dimension.Unknown,
        }).ToArray());
    }

    /// <summary>Equality by dimensions.</summary>
    public bool Equals(TensorShape? other) =>
        other is not null && (Dims is null ? other.Dims is null : other.Dims is not null && Dims.SequenceEqual(other.Dims));

    /// <inheritdoc />
    public override int GetHashCode() => Dims is null ? 0 : Dims.Aggregate(17, (h, d) => (h * 31) + d.GetHashCode());

    /// <inheritdoc />
    public override string ToString() => Dims is null ? "unknown" : "[" + string.Join(", ", Dims) + "]";
}
