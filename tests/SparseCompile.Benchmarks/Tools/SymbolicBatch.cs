using SparseCompile.Onnx.IO;

namespace SparseCompile.Benchmarks.Tools;

/// <summary>
/// A copy of a model whose first input and output dimension is the symbol <c>batch</c> instead of a fixed 1
/// (ResNet18's input is fixed at [1, 3, 224, 224]); stale intermediate shapes are dropped so ONNX Runtime infers them again.
/// </summary>
public static class SymbolicBatch
{
    /// <summary>The symbol written into the first dimension.</summary>
    public const string Symbol = "batch";

    /// <summary>Writes the copy of <paramref name="modelPath"/> to <paramref name="destination"/>.</summary>
    public static void Write(string modelPath, string destination)
    {
        using var model = OnnxModel.Load(modelPath);
        var graph = model.Proto.Graph;
        var runtimeInputs = model.Graph.RuntimeInputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var value in graph.Input.Where(i => runtimeInputs.Contains(i.Name)).Concat(graph.Output))
        {
            var dims = value.Type.TensorType.Shape.Dim;
            if (dims.Count > 0)
            {
                dims[0].DimParam = Symbol;
            }
        }

        graph.ValueInfo.Clear();
        model.RefreshGraph();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        model.Save(destination);
    }
}
