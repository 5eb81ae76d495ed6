using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// One place in a model that holds a tensor (an initializer, a Constant's value, a sparse
/// initializer's values, ...), with a way to put another tensor in its place.
/// </summary>
/// <param name="Tensor">The tensor held there now.</param>
/// <param name="Replace">Puts another tensor in the same place.</param>
public readonly record struct TensorSlot(TensorProto Tensor, Action<TensorProto> Replace);
