namespace SparseCompile.Compiler.Sparsity;

/// <summary>The mask distance from a checkpoint to one of its predecessors.</summary>
/// <param name="Predecessor">The predecessor's index in the checkpoint list.</param>
/// <param name="Distance">The overall normalised Hamming distance between their mask sets.</param>
public readonly record struct CheckpointDistance(int Predecessor, double Distance);
