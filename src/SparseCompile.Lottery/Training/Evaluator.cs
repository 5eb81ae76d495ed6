using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>Cross entropy and accuracy of a network on a whole set, without gradients.</summary>
public static class Evaluator
{
    /// <summary>Mean cross entropy and accuracy (in [0, 1]) of <paramref name="network"/> on <paramref name="set"/>.</summary>
    public static (double Loss, double Accuracy) Evaluate(MaskedNetwork network, Data.DigitSet set)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(set);
        using var tensors = new DigitTensors(set);
        return Evaluate(network, tensors);
    }

    internal static (double Loss, double Accuracy) Evaluate(MaskedNetwork network, DigitTensors set)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = network.forward(set.Images);
        double loss = nn.functional.cross_entropy(logits, set.Labels).item<float>();
        double correct = logits.argmax(1).eq(set.Labels).sum().item<long>();
        return (loss, correct / set.Labels.shape[0]);
    }
}
