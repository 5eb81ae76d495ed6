using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>A <see cref="Data.DigitSet"/> as two tensors (images [n, features] float, labels [n] int64) kept for a run.</summary>
internal sealed class DigitTensors : IDisposable
{
    public DigitTensors(Data.DigitSet set)
    {
        Images = tensor(set.Pixels, [set.Count, set.FeatureCount]);
        Labels = tensor(set.Labels, [set.Count]);
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
