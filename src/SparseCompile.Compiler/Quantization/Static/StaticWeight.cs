using SparseCompile.Compiler.Quantization.Common;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>A weighted node's INT8 weight and, when it has one, its INT32 bias.</summary>
/// <param name="Weight">The INT8 weight with its per-channel scales.</param>
/// <param name="Bias">The INT32 bias, one value per output channel, or null.</param>
/// <param name="BiasScales">The bias scales, x_scale · w_scale per channel, or null.</param>
internal sealed record StaticWeight(QuantizedTensor Weight, int[]? Bias, float[]? BiasScales);
