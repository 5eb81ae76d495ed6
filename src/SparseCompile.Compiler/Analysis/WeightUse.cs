namespace SparseCompile.Compiler.Analysis;

/// <summary>One node reading a weight through its weight slot.</summary>
/// <param name="NodeName">The node's name (may be empty in the file).</param>
/// <param name="NodeIndex">The node's position in the graph's node list, to tell unnamed nodes apart.</param>
/// <param name="OpType">MatMul, Gemm or Conv.</param>
/// <param name="InputIndex">The input slot (1: B or W).</param>
/// <param name="ReductionAxis">The axis this node reduces the weight over, in [0, rank).</param>
public sealed record WeightUse(string NodeName, int NodeIndex, string OpType, int InputIndex, int ReductionAxis);
