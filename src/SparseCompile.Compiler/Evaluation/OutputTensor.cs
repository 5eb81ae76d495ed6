namespace SparseCompile.Compiler.Evaluation;

/// <summary>One output of one run, converted to float.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Dims">Its shape on this run.</param>
/// <param name="Values">Its values in C order.</param>
public sealed record OutputTensor(string Name, IReadOnlyList<long> Dims, float[] Values);
