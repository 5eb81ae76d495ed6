using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Naming;

/// <summary>How a mask key was matched to a weight.</summary>
public enum MaskKeyRoute
{
    /// <summary>The key is the initializer's own name.</summary>
    InitializerName,
    /// <summary>The key's module path matches the scope of the node that reads the weight.</summary>
    NodeScope,
    /// <summary>The key's sibling bias (<c>module.bias</c>) is added to the output of the node that reads the weight.</summary>
    SiblingBias,
}

/// <summary>A mask key resolved to a prunable weight.</summary>
/// <param name="Key">The key as written in the mask file.</param>
/// <param name="Weight">The weight it applies to.</param>
/// <param name="Transposed">True when the mask is stored as the weight's transpose (a PyTorch Linear [out, in] against MatMul B [in, out]).</param>
/// <param name="Route">How the key was matched.</param>
public sealed record MaskKeyResolution(string Key, PrunableWeight Weight, bool Transposed, MaskKeyRoute Route);
