using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>
/// A BatchNormalization at inference as a per-channel affine map y = x·Scale + Shift, computed in double:
/// Scale = γ/√(σ²+ε), Shift = β − μ·Scale.
/// </summary>
/// <param name="Scale">The factor per channel.</param>
/// <param name="Shift">The offset per channel.</param>
internal sealed record BatchNormAffine(double[] Scale, double[] Shift)
{
    /// <summary>The channel count.</summary>
    public int Channels => Scale.Length;

    /// <summary>Reads the node's constant parameters; null with a reason when they are not constants of one length, or give no finite map.</summary>
    public static BatchNormAffine? Read(FoldView view, NodeProto node, out string? reason)
    {
        string[] names = [node.Input[1], node.Input[2], node.Input[3], node.Input[4]];
        if (names.FirstOrDefault(n => !view.IsConstant(n)) is { } variable)
        {
            reason = $"its parameter '{variable}' is not a constant initializer";
            return null;
        }

        var values = new float[4][];
        for (int i = 0; i < 4; i++)
        {
            var tensor = view.Graph.FindInitializer(names[i])!;
            if (tensor.Dims.Count != 1)
            {
                reason = $"its parameter '{names[i]}' is not one value per channel (dims [{string.Join(", ", tensor.Dims)}])";
                return null;
            }

            values[i] = view.Model.ReadTensor(tensor).ToSingleArray();
        }

        int channels = values[0].Length;
        if (values.Any(v => v.Length != channels))
        {
            reason = "its parameters differ in length";
            return null;
        }

        double epsilon = NodeAttributes.Float(node, "epsilon", 1e-5f);
        var scale = new double[channels];
        var shift = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            scale[c] = values[0][c] / Math.Sqrt((double)values[3][c] + epsilon);
            shift[c] = values[1][c] - (values[2][c] * scale[c]);
            if (!double.IsFinite(scale[c]) || !double.IsFinite(shift[c]))
            {
                reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"channel {c} has no finite scale (variance {values[3][c]}, epsilon {epsilon})");
                return null;
            }
        }

        reason = null;
        return new BatchNormAffine(scale, shift);
    }
}
