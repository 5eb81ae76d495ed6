using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>A node the static pass can quantize, as far as its own shape and inputs go.</summary>
/// <param name="Node">The node.</param>
/// <param name="Role">How it is quantized.</param>
/// <param name="Activations">The input slots that carry activations to quantize (a weight, bias or shape slot is not one).</param>
/// <param name="Weight">The constant weight of a <see cref="StaticRole.Weighted"/> node, else null.</param>
/// <param name="Bias">The constant bias of a Conv or the constant C of a Gemm, else null.</param>
internal sealed record StaticCandidate(NodeProto Node, StaticRole Role, IReadOnlyList<int> Activations, TensorProto? Weight, TensorProto? Bias)
{
    /// <summary>The activation tensors the node reads, in slot order, without repeats.</summary>
    public IEnumerable<string> ActivationInputs => Activations.Select(i => Node.Input[i]).Distinct(StringComparer.Ordinal);

    /// <summary>The node's (first) output.</summary>
    public string Output => Node.Output[0];
}
