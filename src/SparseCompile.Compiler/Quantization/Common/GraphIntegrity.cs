using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>Checks a rewritten graph: every node input is a graph input, an initializer or the output of an earlier node.</summary>
public static class GraphIntegrity
{
    /// <summary>Throws SC3903 naming the first node that reads a value not defined before it.</summary>
    /// <param name="graph">The main graph after a rewrite.</param>
    /// <param name="pass">The pass that rewrote it, for the message.</param>
    /// <param name="filePath">The model file, for the message.</param>
    public static void EnsureDefinedBeforeUse(GraphProto graph, string pass, string? filePath)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var defined = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        defined.UnionWith(graph.Input.Select(i => i.Name));
        defined.UnionWith(graph.Initializer.Select(i => i.Name));
        defined.UnionWith(graph.SparseInitializer.Select(t => t.Values?.Name ?? string.Empty));
        foreach (var node in graph.Node)
        {
            foreach (string input in node.Input)
            {
                if (!defined.Contains(input))
                {
                    string name = NodeFactory.Describe(node);
                    throw new SparseCompileException(QuantizationDiagnosticCodes.GraphBrokenAfterQuantization, filePath,
                        $"internal error: after {pass}, node '{name}' reads '{input}', which no graph input, initializer or earlier node defines", name);
                }
            }

            defined.UnionWith(node.Output);
        }

        foreach (var output in graph.Output)
        {
            if (!defined.Contains(output.Name))
            {
                throw new SparseCompileException(QuantizationDiagnosticCodes.GraphBrokenAfterQuantization, filePath,
                    $"internal error: after {pass}, graph output '{output.Name}' is no longer produced", output.Name);
            }
        }
    }
}
