using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Finds the nodes of the main graph the static pass could quantize, judging each by itself: its op, attributes and
/// constant inputs, and the compile's exclusions. Whether a node is worth quantizing in its neighbourhood, and whether
/// its tensors calibrate to usable ranges, is the planner's call. Conv, MatMul and Gemm that stay float are listed
/// with the reason.
/// </summary>
internal static class StaticEligibility
{
    private static readonly HashSet<string> SameScaleOps = ["MaxPool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze"];

    /// <summary>The candidates of <paramref name="model"/>, in graph order, and the weighted nodes left float.</summary>
    public static (IReadOnlyList<StaticCandidate> Candidates, IReadOnlyList<StaticSkip> Skipped) Find(OnnxModel model, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var graph = model.Graph;
        var globs = options.Exclude.Select(p => new NameGlob(p)).ToArray();
        var candidates = new List<StaticCandidate>();
        var skipped = new List<StaticSkip>();
        foreach (var node in graph.Proto.Node)
        {
            if (!NodeFactory.IsDefaultDomain(node) || node.Output.Count == 0 || node.Output[0].Length == 0)
            {
                continue;
            }

            if (node.OpType is "Conv" or "MatMul" or "Gemm")
            {
                if (node.Input.Count < 2 || graph.FindInitializer(node.Input[1]) is not { } weight)
                {
                    continue; // a run-time B (attention scores): not a weight
                }

                if (WeightedProblem(model, node, weight, globs, options.KeepFloat) is { } reason)
                {
                    skipped.Add(new StaticSkip(NodeFactory.Describe(node), node.OpType, weight.Name, reason));
                    continue;
                }

                var bias = node.Input.Count >= 3 && node.Input[2].Length > 0 ? graph.FindInitializer(node.Input[2]) : null;
                candidates.Add(new StaticCandidate(node, StaticRole.Weighted, [0], weight, bias));
                continue;
            }

            if (Role(node) is { } role && !Excluded(node, globs) && ActivationsAreComputed(graph, node, role))
            {
                int[] slots = role == StaticRole.Binary ? [0, 1] : [0];
                candidates.Add(new StaticCandidate(node, role, slots, null, null));
            }
        }

        return (candidates, skipped);
    }

    private static StaticRole? Role(NodeProto node) => node.OpType switch
    {
        "Add" when node.Input.Count == 2 => StaticRole.Binary,
        "AveragePool" or "GlobalAveragePool" when node.Input.Count == 1 => StaticRole.Pool,
        "Relu" when node.Input.Count == 1 => StaticRole.Relu,
        _ when SameScaleOps.Contains(node.OpType) && node.Input.Count >= 1 && node.Output.Count == 1 => StaticRole.SameScale,
        _ => null,
    };

    private static bool ActivationsAreComputed(OnnxGraph graph, NodeProto node, StaticRole role)
    {
        int count = role == StaticRole.Binary ? 2 : 1;
        return node.Input.Take(count).All(i => i.Length > 0 && !graph.IsInitializer(i));
    }

    private static bool Excluded(NodeProto node, NameGlob[] globs) =>
        globs.Any(g => g.IsMatch(node.Name) || g.IsMatch(node.Output[0]));

    private static string? WeightedProblem(OnnxModel model, NodeProto node, TensorProto weight, NameGlob[] globs, IReadOnlySet<string> keepFloat)
    {
        var graph = model.Graph;
        foreach (var glob in globs)
        {
            if (glob.IsMatch(weight.Name) || glob.IsMatch(node.Name))
            {
                return $"matched --exclude '{glob.Pattern}'";
            }
        }

        if (keepFloat.Contains(weight.Name))
        {
            return "the accuracy gate keeps it in float";
        }

        if (node.Input[0].Length == 0 || graph.IsInitializer(node.Input[0]))
        {
            return $"its input {(node.OpType == "Conv" ? "X" : "A")} is a constant, so nothing is computed at run time";
        }

        if (weight.DataType != (int)DataType.Float)
        {
            return $"its weight's element type {Onnx.Tensors.ElementTypes.Name(weight.DataType)} is not FLOAT";
        }

        if (Shape(node, weight) is { } shapeProblem)
        {
            return shapeProblem;
        }

        if (model.Proto.Graph.Initializer.Count(i => i.Name == weight.Name) > 1)
        {
            return "more than one initializer has its name";
        }

        if (graph.Consumers(weight.Name).Count != 1 || graph.Proto.Output.Any(o => o.Name == weight.Name))
        {
            return "its weight is also read by another node or is a graph output";
        }

        if (model.Proto.IrVersion >= 4 && graph.Proto.Input.Any(i => i.Name == weight.Name))
        {
            return "its weight is also a graph input, so a caller could replace it";
        }

        return BiasProblem(model, node, weight);
    }

    private static string? Shape(NodeProto node, TensorProto weight) => node.OpType switch
    {
        "Conv" when weight.Dims.Count < 3 => $"its weight has rank {weight.Dims.Count}, not that of a Conv kernel",
        "MatMul" or "Gemm" when weight.Dims.Count != 2 => $"its weight has rank {weight.Dims.Count}; only 2-D MatMul and Gemm weights are quantized",
        "MatMul" when node.Input.Count != 2 => "it is not a two-input MatMul",
        "Gemm" when NodeFactory.ReadInt(node, "transA", 0) != 0 => "its Gemm transposes A (transA = 1)",
        _ => null,
    };

    private static string? BiasProblem(OnnxModel model, NodeProto node, TensorProto weight)
    {
        if (node.Input.Count < 3 || node.Input[2].Length == 0)
        {
            return null;
        }

        if (model.Graph.FindInitializer(node.Input[2]) is not { } bias)
        {
            return "its bias is computed at run time; only a constant bias can become INT32";
        }

        if (bias.DataType != (int)DataType.Float)
        {
            return $"its bias's element type {Onnx.Tensors.ElementTypes.Name(bias.DataType)} is not FLOAT";
        }

        long count = bias.Dims.Aggregate(1L, (a, d) => a * d);
        long channels = node.OpType switch
        {
            "Conv" => weight.Dims[0],
            _ => NodeFactory.ReadInt(node, "transB", 0) != 0 ? weight.Dims[0] : weight.Dims[1],
        };
        bool perChannel = count == channels && bias.Dims.Count(d => d != 1) <= 1 && (bias.Dims.Count == 0 || bias.Dims[^1] == count);
        bool scalar = node.OpType == "Gemm" && count == 1;
        if (node.OpType == "Conv" ? !(bias.Dims.Count == 1 && count == channels) : !(perChannel || scalar))
        {
            return $"its bias has shape [{string.Join(", ", bias.Dims)}], not one value per output channel ({channels})";
        }

        return null;
    }
}
