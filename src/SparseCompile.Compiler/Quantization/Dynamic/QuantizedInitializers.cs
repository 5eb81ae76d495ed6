using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// The INT8 values and scales initializers of one quantized weight, made before the graph is rewritten (their names
/// are set then), with the scale range the report shows.
/// </summary>
internal sealed record QuantizedInitializers(TensorProto Values, TensorProto Scales, float MinScale, float MaxScale)
{
    /// <summary>The initializers of <paramref name="quantized"/>, stored as <paramref name="model"/> stores new tensors (large ones spilled).</summary>
    public static QuantizedInitializers Create(OnnxModel model, DynamicCandidate candidate, QuantizedTensor quantized)
    {
        var values = model.CreateTensor<sbyte>(string.Empty, quantized.Dims, quantized.Values);
        // An embedding table's scales are [V, 1], one per row, so that they broadcast against the gathered rows.
        long[] scaleDims = candidate.Kind == DynamicWeightKind.Gather ? [quantized.Scales.Length, 1] : [quantized.Scales.Length];
        var scales = model.CreateTensor<float>(string.Empty, scaleDims, quantized.Scales);
        return new QuantizedInitializers(values, scales, quantized.MinScale, quantized.MaxScale);
    }
}
