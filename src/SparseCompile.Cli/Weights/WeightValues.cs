using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Cli.Weights;

/// <summary>A prunable weight with its values converted to float32 (row-major, like the initializer).</summary>
/// <param name="Weight">The weight, its uses and reduction axis.</param>
/// <param name="Values">Its values.</param>
internal sealed record WeightValues(PrunableWeight Weight, float[] Values)
{
    /// <summary>The initializer's name.</summary>
    public string Name => Weight.Name;
}
