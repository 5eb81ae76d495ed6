using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>
/// Keeps an IR 3 model's convention of listing every initializer as a graph input after initializers were added,
/// removed or reshaped (models that were brought up to IR 7 no longer list them).
/// </summary>
internal static class InitializerListing
{
    /// <summary>True when the model follows the IR 3 convention.</summary>
    public static bool IsListed(ModelProto model)
    {
        var inputs = model.Graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.IrVersion < 4 && model.Graph.Initializer.Any(t => inputs.Contains(t.Name));
    }

    /// <summary>Drops inputs of <paramref name="removed"/> initializers and lists every initializer with its current type.</summary>
    public static void Sync(GraphProto graph, IReadOnlySet<string> removed)
    {
        for (int i = graph.Input.Count - 1; i >= 0; i--)
        {
            if (removed.Contains(graph.Input[i].Name))
            {
                graph.Input.RemoveAt(i);
            }
        }

        var inputs = graph.Input.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
        {
            var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = tensor.DataType, Shape = new TensorShapeProto() } };
            type.TensorType.Shape.Dim.AddRange(tensor.Dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            if (inputs.TryGetValue(tensor.Name, out var input))
            {
                input.Type = type;
            }
            else
            {
                graph.Input.Add(new ValueInfoProto { Name = tensor.Name, Type = type });
            }
        }
    }
}
