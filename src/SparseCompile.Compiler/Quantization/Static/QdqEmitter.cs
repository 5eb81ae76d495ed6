using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Creates the QuantizeLinear and DequantizeLinear nodes and their constant inputs: a scalar scale and an INT8 or UINT8
/// zero point per activation (shared by its pairs), and per-channel INT8 weights and INT32 biases with explicit zero
/// points, which ONNX Runtime's QDQ fusion and its S8→U8 rewrite both require.
/// </summary>
internal sealed class QdqEmitter
{
    private readonly NameScope names;
    private readonly List<TensorProto> initializers;
    private readonly Dictionary<(string Tensor, int Variant), (string Scale, string ZeroPoint)> activationParameters = new();

    /// <summary>Emits names from <paramref name="names"/> and collects new initializers in <paramref name="initializers"/>.</summary>
    public QdqEmitter(NameScope names, List<TensorProto> initializers)
    {
        this.names = names;
        this.initializers = initializers;
    }

    /// <summary>Nodes emitted so far: QuantizeLinear, then DequantizeLinear.</summary>
    public (int Quantize, int Dequantize) Counts { get; private set; }

    /// <summary>A QuantizeLinear → DequantizeLinear pair on activation <paramref name="tensor"/>, reading <paramref name="input"/>.</summary>
    /// <param name="tensor">The activation the parameters belong to (names the new values).</param>
    /// <param name="input">The float value to quantize.</param>
    /// <param name="parameters">Its scale and zero point.</param>
    /// <param name="output">The name the dequantized value gets, or null for a fresh one.</param>
    /// <param name="variant">
    /// 0 for the tensor's own scale; k &gt; 0 for the scale k floats above it (a relative change of about k·6e-8), which
    /// keeps the k-th dedicated pair of a tensor distinct, so ONNX Runtime's common subexpression elimination does not
    /// merge the pairs back into one QuantizeLinear with several DequantizeLinear readers.
    /// </param>
    /// <returns>The two nodes and the dequantized value's name.</returns>
    public (NodeProto Quantize, NodeProto Dequantize, string Output) ActivationPair(string tensor, string input, ActivationParameters parameters,
        string? output = null, int variant = 0)
    {
        var (scale, zeroPoint) = Parameters(tensor, parameters, variant);
        string quantized = names.Fresh(tensor + "_quantized");
        string dequantized = output ?? names.Fresh(tensor + "_dequantized");
        var q = NodeFactory.Node("QuantizeLinear", names.Fresh(tensor + "_QuantizeLinear"), [input, scale, zeroPoint], [quantized]);
        var dq = NodeFactory.Node("DequantizeLinear", names.Fresh(tensor + "_DequantizeLinear"), [quantized, scale, zeroPoint], [dequantized]);
        Counts = (Counts.Quantize + 1, Counts.Dequantize + 1);
        return (q, dq, dequantized);
    }

    /// <summary>The INT8 weight, its scales and zero points, and the DequantizeLinear (per-channel along the weight's axis) reading them.</summary>
    public (NodeProto Dequantize, string Output) Weight(QuantizedTensor weight, string nodeName)
    {
        string values = names.Fresh(weight.Name + "_quantized");
        string scale = names.Fresh(weight.Name + "_scale");
        string zeroPoint = names.Fresh(weight.Name + "_zero_point");
        initializers.Add(TensorFactory.Create<sbyte>(values, weight.Dims, weight.Values));
        initializers.Add(TensorFactory.Create<float>(scale, [weight.Scales.Length], weight.Scales));
        initializers.Add(TensorFactory.Create<sbyte>(zeroPoint, [weight.Scales.Length], new sbyte[weight.Scales.Length]));
        string output = names.Fresh(weight.Name + "_dequantized");
        var dq = NodeFactory.Node("DequantizeLinear", names.Fresh(nodeName + "/" + weight.Name + "_DequantizeLinear"), [values, scale, zeroPoint], [output],
            NodeFactory.IntAttribute("axis", weight.Axis));
        Counts = (Counts.Quantize, Counts.Dequantize + 1);
        return (dq, output);
    }

    /// <summary>The INT32 bias [channels], its scales and zero points, and the DequantizeLinear (axis 0) reading them.</summary>
    public (NodeProto Dequantize, string Output) Bias(string biasName, int[] values, float[] scales, string nodeName)
    {
        string quantized = names.Fresh(biasName + "_quantized");
        string scale = names.Fresh(biasName + "_scale");
        string zeroPoint = names.Fresh(biasName + "_zero_point");
        initializers.Add(TensorFactory.Create<int>(quantized, [values.Length], values));
        initializers.Add(TensorFactory.Create<float>(scale, [scales.Length], scales));
        initializers.Add(TensorFactory.Create<int>(zeroPoint, [values.Length], new int[values.Length]));
        string output = names.Fresh(biasName + "_dequantized");
        var dq = NodeFactory.Node("DequantizeLinear", names.Fresh(nodeName + "/" + biasName + "_DequantizeLinear"), [quantized, scale, zeroPoint], [output],
            NodeFactory.IntAttribute("axis", 0));
        Counts = (Counts.Quantize, Counts.Dequantize + 1);
        return (dq, output);
    }

    private (string Scale, string ZeroPoint) Parameters(string tensor, ActivationParameters parameters, int variant)
    {
        if (activationParameters.TryGetValue((tensor, variant), out var existing))
        {
            return existing;
        }

        float value = parameters.Scale;
        for (int i = 0; i < variant; i++)
        {
            value = MathF.BitIncrement(value);
        }

        string scale = names.Fresh(tensor + "_scale");
        string zeroPoint = names.Fresh(tensor + "_zero_point");
        initializers.Add(TensorFactory.Create<float>(scale, [], [value]));
        initializers.Add(parameters.Signed
            ? TensorFactory.Create<sbyte>(zeroPoint, [], [(sbyte)parameters.ZeroPoint])
            : TensorFactory.Create<byte>(zeroPoint, [], [(byte)parameters.ZeroPoint]));
        activationParameters[(tensor, variant)] = (scale, zeroPoint);
        return (scale, zeroPoint);
    }
}
