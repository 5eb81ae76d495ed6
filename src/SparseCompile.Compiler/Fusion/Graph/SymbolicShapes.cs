using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// Symbolic shape inference for the ops transformer exports use: each value gets a shape of <see cref="Dims"/> tokens
/// (or none when an op is not understood), and small integer tensors built by shape arithmetic get their contents.
/// One forward walk in topological order; shapes of graph inputs come from their declarations.
/// </summary>
internal sealed class SymbolicShapes
{
    private readonly Dictionary<string, string[]> shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DimList> contents = new(StringComparer.Ordinal);

    /// <summary>Infers shapes over <paramref name="model"/>'s main graph.</summary>
    public SymbolicShapes(OnnxModel model, ConstantReader constants)
    {
        Constants = constants;
        Opset = model.OpsetVersion() ?? 1;
        var graph = model.Graph;
        foreach (var tensor in model.Proto.Graph.Initializer)
        {
            shapes.TryAdd(tensor.Name, tensor.Dims.Select(Dims.Of).ToArray());
        }

        foreach (var input in model.Proto.Graph.Input)
        {
            if (constants.Initializer(input.Name) is null && input.Type?.TensorType?.Shape is { } shape)
            {
                shapes[input.Name] = shape.Dim.Select((d, i) => Declared(d, input.Name, i)).ToArray();
            }
        }

        foreach (var node in graph.TopologicalOrder())
        {
            for (int i = 0; i < node.Output.Count; i++)
            {
                string output = node.Output[i];
                if (output.Length == 0)
                {
                    continue;
                }

                if (ShapeRules.Infer(this, node, i) is { } inferred)
                {
                    shapes[output] = inferred;
                }

                if (ContentRules.Infer(this, node, i) is { } known)
                {
                    contents[output] = known;
                }
            }
        }
    }

    /// <summary>The constants of the graph.</summary>
    public ConstantReader Constants { get; }

    /// <summary>The model's default-domain opset.</summary>
    public long Opset { get; }

    /// <summary>The inferred shape of <paramref name="value"/>, or null when unknown.</summary>
    public IReadOnlyList<string>? ShapeOf(string value) => shapes.GetValueOrDefault(value);

    /// <summary>The rank of <paramref name="value"/>, or null when unknown.</summary>
    public int? RankOf(string value) => shapes.TryGetValue(value, out var shape) ? shape.Length : null;

    /// <summary>The contents of a small integer tensor built by shape arithmetic, or null when unknown.</summary>
    public DimList? ContentsOf(string value)
    {
        if (contents.TryGetValue(value, out var known))
        {
            return known;
        }

        return Constants.Integers(value) is { } values && Constants.DimsOf(value) is { Count: <= 1 } dims
            ? new DimList(values.Select(Dims.Of).ToArray(), dims.Count == 0)
            : null;
    }

    private static string Declared(TensorShapeProto.Types.Dimension dim, string input, int axis) => dim.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Dims.Of(dim.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when dim.DimParam.Length > 0 => "$" + dim.DimParam,
        _ => Dims.Unknown(input, axis),
    };
}
