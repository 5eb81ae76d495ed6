using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// Reads the values of constants: initializers that no graph input can override, and the outputs of Constant nodes
/// (their <c>value</c>, <c>value_float(s)</c> or <c>value_int(s)</c> attribute).
/// </summary>
internal sealed class ConstantReader
{
    private readonly OnnxModel model;
    private readonly Dictionary<string, TensorProto> initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> constantNodes = new(StringComparer.Ordinal);

    /// <summary>Indexes the constants of <paramref name="model"/>'s main graph.</summary>
    public ConstantReader(OnnxModel model)
    {
        this.model = model;
        var graph = model.Proto.Graph;
        var overridable = model.Proto.IrVersion >= 4 ? graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var tensor in graph.Initializer.Where(t => !overridable.Contains(t.Name)))
        {
            initializers.TryAdd(tensor.Name, tensor);
        }

        foreach (var node in graph.Node.Where(n => n.OpType == "Constant" && IsDefault(n) && n.Output.Count == 1))
        {
            constantNodes.TryAdd(node.Output[0], node);
        }
    }

    /// <summary>True when <paramref name="name"/> is a constant this reader knows.</summary>
    public bool IsConstant(string name) => initializers.ContainsKey(name) || constantNodes.ContainsKey(name);

    /// <summary>The initializer named <paramref name="name"/> when no graph input overrides it, or null.</summary>
    public TensorProto? Initializer(string name) => initializers.GetValueOrDefault(name);

    /// <summary>The dims of a constant, or null when <paramref name="name"/> is not one.</summary>
    public IReadOnlyList<long>? DimsOf(string name)
    {
        if (initializers.TryGetValue(name, out var tensor))
        {
            return tensor.Dims;
        }

        if (!constantNodes.TryGetValue(name, out var node))
        {
            return null;
        }

        var attribute = node.Attribute.FirstOrDefault();
        return attribute?.Name switch
        {
            "value" => attribute.T.Dims,
            "value_float" or "value_int" => [],
            "value_floats" => [attribute.Floats.Count],
            "value_ints" => [attribute.Ints.Count],
            _ => null,
        };
    }

    /// <summary>The values of a FLOAT constant (any shape), or null.</summary>
    public float[]? Floats(string name)
    {
        if (initializers.TryGetValue(name, out var tensor))
        {
            return tensor.DataType == (int)DataType.Float ? model.ReadTensor(tensor).ToSingleArray() : null;
        }

        if (!constantNodes.TryGetValue(name, out var node) || node.Attribute.Count != 1)
        {
            return null;
        }

        var attribute = node.Attribute[0];
        return attribute.Name switch
        {
            "value" when attribute.T.DataType == (int)DataType.Float => model.ReadTensor(attribute.T).ToSingleArray(),
            "value_float" => [attribute.F],
            "value_floats" => [.. attribute.Floats],
            _ => null,
        };
    }

    /// <summary>The values of an INT64 or INT32 constant (any shape), or null.</summary>
    public long[]? Integers(string name)
    {
        if (initializers.TryGetValue(name, out var tensor))
        {
            return Integers(tensor);
        }

        if (!constantNodes.TryGetValue(name, out var node) || node.Attribute.Count != 1)
        {
            return null;
        }

        var attribute = node.Attribute[0];
        return attribute.Name switch
        {
            "value" => Integers(attribute.T),
            "value_int" => [attribute.I],
            "value_ints" => [.. attribute.Ints],
            _ => null,
        };
    }

    /// <summary>The single value of a FLOAT constant with one element (a scalar or a one-element tensor), or null.</summary>
    public float? Scalar(string name) =>
        DimsOf(name) is { } dims && dims.Aggregate(1L, (a, d) => a * d) == 1 && Floats(name) is [var single] ? single : null;

    private long[]? Integers(TensorProto tensor)
    {
        long count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        if (count > 64)
        {
            return null; // shape arithmetic only ever needs small tensors
        }

        return tensor.DataType switch
        {
            (int)DataType.Int64 => model.ReadTensor(tensor).AsSpan<long>().ToArray(),
            (int)DataType.Int32 => Array.ConvertAll(model.ReadTensor(tensor).AsSpan<int>().ToArray(), v => (long)v),
            _ => null,
        };
    }

    private static bool IsDefault(NodeProto node) => node.Domain is "" or "ai.onnx";
}
