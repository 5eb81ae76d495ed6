using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Data;

/// <summary>Finds the size of the embedding table a token id input indexes: the rows of the Gather data it reaches.</summary>
internal static class VocabularyProbe
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal) { "Cast", "Reshape", "Unsqueeze", "Squeeze", "Flatten", "Identity", "Expand" };

    /// <summary>The smallest row count of the initializer tables that <paramref name="input"/> gathers from, or null when there are none.</summary>
    public static long? Find(OnnxModel model, string input)
    {
        var graph = model.Graph;
        long? smallest = null;
        var seen = new HashSet<string>(StringComparer.Ordinal) { input };
        var frontier = new Queue<(string Value, int Depth)>();
        frontier.Enqueue((input, 0));
        while (frontier.TryDequeue(out var current))
        {
            foreach (var consumer in graph.Consumers(current.Value))
            {
                var node = consumer.Node;
                if (node.OpType == "Gather" && consumer.InputIndex == 1 && graph.FindInitializer(node.Input[0]) is { } table)
                {
                    long axis = node.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 0;
                    axis = axis < 0 ? axis + table.Dims.Count : axis;
                    if (axis >= 0 && axis < table.Dims.Count)
                    {
                        smallest = Math.Min(smallest ?? long.MaxValue, table.Dims[(int)axis]);
                    }
                }
                else if (PassThrough.Contains(node.OpType) && consumer.InputIndex == 0 && current.Depth < 8 && node.Output.Count > 0
                    && seen.Add(node.Output[0]))
                {
                    frontier.Enqueue((node.Output[0], current.Depth + 1));
                }
            }
        }

        return smallest;
    }
}
