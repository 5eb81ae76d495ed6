using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// A fully connected layer whose weight carries a keep-mask, registered as the buffer "mask" (1 keeps, 0 prunes).
/// The weight is [outputs, inputs] (reduction axis 1); the bias is not masked.
/// </summary>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor mask;
    private Tensor pruned;

    /// <summary>Creates a layer with zero weights, zero bias and a mask that keeps everything.</summary>
    public MaskedLinear(string name, int inputs, int outputs) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
        weight = nn.Parameter(zeros(outputs, inputs));
        bias = nn.Parameter(zeros(outputs));
        mask = ones(outputs, inputs);
        pruned = zeros(outputs, inputs, ScalarType.Bool);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("mask", mask);
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>The weight parameter, [outputs, inputs].</summary>
    public Parameter Weight => weight;

    /// <summary>The bias parameter, [outputs].</summary>
    public Parameter Bias => bias;

    /// <summary>The mask buffer, [outputs, inputs], 1 keeps and 0 prunes.</summary>
    public Tensor Mask => mask;

    /// <summary>Disposes the pruned-flags tensor (the registered parameters and buffer go with the module).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pruned.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>x W^T + b.</summary>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    /// <summary>
    /// Applies the mask to the weight in place, outside autograd: pruned weights become exactly +0 (a fill rather than a
    /// product, which would leave −0 for negative weights).
    /// </summary>
    public void ApplyMask()
    {
        using var noGrad = no_grad();
        weight.masked_fill_(pruned, 0);
    }

    /// <summary>Zeroes the weight's gradient (when there is one) where the mask prunes, so pruned weights get no update.</summary>
    public void MaskGradient()
    {
        using var noGrad = no_grad();
        weight.grad?.masked_fill_(pruned, 0);
    }

    /// <summary>Replaces the mask and applies it to the weight.</summary>
    /// <exception cref="ArgumentException">The mask has the wrong shape.</exception>
    public void SetMask(LayerMask keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.Outputs != Outputs || keep.Inputs != Inputs || keep.Keep.Length != Outputs * Inputs)
        {
            throw new ArgumentException($"the mask for {keep.Name} is [{keep.Outputs}, {keep.Inputs}]; layer is [{Outputs}, {Inputs}]", nameof(keep));
        }

        var values = keep.Keep.Select(k => k ? 1f : 0f).ToArray();
        using (var noGrad = no_grad())
        using (var source = tensor(values, [Outputs, Inputs]))
        {
            mask.copy_(source);
            var previous = pruned;
            pruned = source.eq(0);
            previous.Dispose();
        }

        ApplyMask();
    }

    /// <summary>The mask as flags, [outputs, inputs] row-major.</summary>
    public LayerMask GetMask(string name)
    {
        var values = mask.data<float>().ToArray();
        return new LayerMask(name, Outputs, Inputs, values.Select(v => v != 0).ToArray());
    }

    /// <summary>Copies weight and bias out.</summary>
    public LayerWeights GetWeights(string name) =>
        new(name, Outputs, Inputs, weight.detach().data<float>().ToArray(), bias.detach().data<float>().ToArray());

    /// <summary>Copies weight and bias in (then applies the mask).</summary>
    /// <exception cref="ArgumentException">The values have the wrong shape.</exception>
    public void SetWeights(LayerWeights values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Outputs != Outputs || values.Inputs != Inputs || values.Weight.Length != Outputs * Inputs || values.Bias.Length != Outputs)
        {
            throw new ArgumentException($"the weights for {values.Name} are [{values.Outputs}, {values.Inputs}]; layer is [{Outputs}, {Inputs}]", nameof(values));
        }

        using (var noGrad = no_grad())
        using (var w = tensor(values.Weight, [Outputs, Inputs]))
        using (var b = tensor(values.Bias, [Outputs]))
        {
            weight.copy_(w);
            bias.copy_(b);
        }

        ApplyMask();
    }
}
