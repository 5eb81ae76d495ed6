namespace SparseCompile.Lottery.Training;

/// <summary>
/// The keep-mask of one layer's weight in TorchSharp's layout [outputs, inputs], row-major: true keeps a weight.
/// Biases are never pruned.
/// </summary>
/// <param name="Name">The layer's name (fc1, fc2, ...).</param>
/// <param name="Outputs">Output features.</param>
/// <param name="Inputs">Input features.</param>
/// <param name="Keep">outputs × inputs flags, row-major.</param>
public sealed record LayerMask(string Name, int Outputs, int Inputs, bool[] Keep)
{
    /// <summary>The number of kept weights.</summary>
    public long KeptCount => Keep.Count(k => k);

    /// <summary>The fraction of weights kept.</summary>
    public double Density => Keep.Length == 0 ? 1 : (double)KeptCount / Keep.Length;
}
