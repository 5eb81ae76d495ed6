using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// A constant initializer that feeds the weight slot of at least one MatMul (B), Gemm (B) or Conv (W),
/// with the axis those nodes reduce it over.
/// </summary>
/// <param name="Name">The initializer's name.</param>
/// <param name="ElementType">Its element type.</param>
/// <param name="Dims">Its dims.</param>
/// <param name="ReductionAxis">The reduction axis of its first use (all uses agree unless <see cref="HasConflictingAxes"/>).</param>
/// <param name="Uses">The nodes that read it through a weight slot, in graph order.</param>
/// <param name="HasOtherConsumers">
/// True when something else also reads it (another input slot, another op type, a nested graph, a graph output):
/// pruning it changes those readers too.
/// </param>
/// <param name="IsOverridableInput">
/// True when the model is IR 4 or later and lists the initializer as a graph input as well, which makes it a
/// default a caller may override rather than a constant (IR 3 lists every initializer as an input; there it is constant).
/// </param>
public sealed record PrunableWeight(
    string Name,
    DataType ElementType,
    IReadOnlyList<long> Dims,
    int ReductionAxis,
    IReadOnlyList<WeightUse> Uses,
    bool HasOtherConsumers,
    bool IsOverridableInput)
{
    /// <summary>The op type of the first use (MatMul, Gemm or Conv).</summary>
    public string OpType => Uses[0].OpType;

    /// <summary>The size of the reduction axis.</summary>
    public long ReductionLength => Dims[ReductionAxis];

    /// <summary>The number of weights.</summary>
    public long ElementCount => Dims.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>True when two uses reduce over different axes, so no single N:M layout suits all of them.</summary>
    public bool HasConflictingAxes => Uses.Any(u => u.ReductionAxis != ReductionAxis);
}
