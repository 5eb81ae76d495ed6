using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>One of the Q, K, V projections of a self-attention block: <c>MatMul(input, Weight)</c>, then an optional bias Add.</summary>
/// <param name="MatMul">The MatMul with the constant weight.</param>
/// <param name="BiasAdd">The Add of the bias, or null when the projection has none.</param>
/// <param name="Weight">The FLOAT initializer [input hidden, hidden].</param>
/// <param name="Bias">The FLOAT bias initializer (hidden values), or null.</param>
/// <param name="Output">The projected value ([batch, sequence, hidden]).</param>
internal sealed record Projection(NodeProto MatMul, NodeProto? BiasAdd, string Weight, string? Bias, string Output);
