using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// Builds the replacement of a matched block: one com.microsoft Attention(x, W_qkv, b_qkv, mask) with num_heads, scale
/// and mask_filter_value, where the mask is the raw mask graph input cast to INT32 once, at the start of the graph, for
/// all the blocks that read it.
/// </summary>
internal sealed class AttentionEmitter(FusionView view, NameScope names)
{
    private readonly Dictionary<string, string> masks = new(StringComparer.Ordinal);
    private readonly List<NodeProto> casts = [];

    /// <summary>The Casts of mask inputs to INT32 the emitted nodes read; they go at the start of the graph (their inputs are graph inputs).</summary>
    public IReadOnlyList<NodeProto> MaskCasts => casts;

    /// <summary>The replacement for <paramref name="match"/>.</summary>
    public Replacement Emit(AttentionMatch match)
    {
        var query = match.Query.Projection;
        var key = match.Key.Projection;
        var value = match.Value.Projection;
        var dims = view.Constants.Initializer(query.Weight)!.Dims;
        int rows = checked((int)dims[0]);
        int columns = checked((int)dims[1]);
        string prefix = CommonPrefix([query.Bias ?? query.Weight, key.Bias ?? key.Weight, value.Bias ?? value.Weight]);
        string stem = prefix.Length > 0 ? prefix : (string.IsNullOrEmpty(match.Last.Name) ? match.Output : match.Last.Name) + "_";

        var weight = TensorFactory.Create<float>(names.Fresh(stem + "qkv.weight"), [rows, 3L * columns],
            QkvPacking.Weights(Floats(query.Weight), Floats(key.Weight), Floats(value.Weight), rows, columns));
        var bias = TensorFactory.Create<float>(names.Fresh(stem + "qkv.bias"), [3L * columns],
            QkvPacking.Biases(OptionalFloats(query.Bias), OptionalFloats(key.Bias), OptionalFloats(value.Bias), columns));
        FusedWeightSources.Record(weight, [query.Weight, key.Weight, value.Weight]);

        var inputs = new List<string> { match.Input, weight.Name, bias.Name };
        var attributes = new List<AttributeProto>
        {
            NodeFactory.IntAttribute("num_heads", match.Heads),
            MicrosoftDomain.FloatAttribute("scale", match.Scale),
        };
        if (match.Mask is { } mask)
        {
            inputs.Add(MaskInput(mask));
            attributes.Add(MicrosoftDomain.FloatAttribute("mask_filter_value", mask.Filter));
        }

        var node = MicrosoftDomain.Node("Attention", names.Fresh(stem + "Attention"), inputs, [match.Output], [.. attributes]);
        return new Replacement(match.Nodes, match.Last, [node], [weight, bias]);
    }

    private string MaskInput(MaskMatch mask)
    {
        if (mask.SourceType == (int)DataType.Int32)
        {
            return mask.Source;
        }

        if (!masks.TryGetValue(mask.Source, out string? cast))
        {
            cast = names.Fresh(mask.Source + "_int32");
            casts.Add(NodeFactory.Node("Cast", names.Fresh(mask.Source + "/CastToInt32"), [mask.Source], [cast],
                NodeFactory.IntAttribute("to", (long)DataType.Int32)));
            masks[mask.Source] = cast;
        }

        return cast;
    }

    private float[] Floats(string name) => view.Model.ReadTensor(view.Constants.Initializer(name)!).ToSingleArray();

    private float[]? OptionalFloats(string? name) => name is null ? null : Floats(name);

    /// <summary>The longest common prefix of the names, cut back to just after a '.' or '/' (empty when there is none).</summary>
    private static string CommonPrefix(string[] names)
    {
        int length = names.Min(n => n.Length);
        int common = 0;
        while (common < length && names.All(n => n[common] == names[0][common]))
        {
            common++;
        }

        int cut = names[0].LastIndexOfAny(['.', '/'], Math.Max(0, common - 1));
        return common == 0 || cut < 0 ? string.Empty : names[0][..(cut + 1)];
    }
}
