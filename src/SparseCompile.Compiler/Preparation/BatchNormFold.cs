namespace SparseCompile.Compiler.Preparation;

/// <summary>A BatchNormalization folded into the node before it.</summary>
/// <param name="BatchNormNode">The BatchNormalization node, now gone (or, after a MatMul, replaced by an Add of the same name).</param>
/// <param name="TargetNode">The Conv, Gemm or MatMul node it was folded into.</param>
/// <param name="TargetOpType">Conv, Gemm or MatMul.</param>
/// <param name="Weight">The weight initializer scaled per output channel; its name is unchanged.</param>
/// <param name="Bias">The bias initializer that now carries the shift.</param>
/// <param name="BiasCreated">True when the bias is new (the node had none, or a MatMul got an Add).</param>
/// <param name="Channels">The number of output channels.</param>
public sealed record BatchNormFold(
    string BatchNormNode,
    string TargetNode,
    string TargetOpType,
    string Weight,
    string Bias,
    bool BiasCreated,
    long Channels);
