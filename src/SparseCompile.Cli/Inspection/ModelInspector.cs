using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Cli.Inspection;

/// <summary>Computes an <see cref="InspectionReport"/> for a loaded model.</summary>
internal static class ModelInspector
{
    /// <summary>Loads <paramref name="path"/> and inspects it.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">The model cannot be read.</exception>
    public static InspectionReport Inspect(string path, NMPattern pattern)
    {
        using var model = OnnxModel.Load(path);
        return Inspect(model, path, pattern);
    }

    /// <summary>Inspects a loaded model; <paramref name="displayPath"/> is what the report calls the file.</summary>
    public static InspectionReport Inspect(OnnxModel model, string displayPath, NMPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var opsets = model.Proto.OpsetImport
            .Select(o => new OpsetEntry(o.Domain is "" or "ai.onnx" ? "ai.onnx" : o.Domain, o.Version))
            .OrderBy(o => o.Domain == "ai.onnx" ? 0 : 1)
            .ThenBy(o => o.Domain, StringComparer.Ordinal)
            .ThenBy(o => o.Version)
            .ToArray();

        var weights = PrunableWeightFinder.Find(model)
            .Select(w => new WeightSparsity(
                w,
                ElementTypes.Name((int)w.ElementType),
                NMSparsityChecker.Check(model.ReadInitializer(w.Name), w.ReductionAxis, pattern)))
            .ToArray();

        return new InspectionReport(
            displayPath,
            model.Proto.ProducerName,
            model.Proto.ProducerVersion,
            model.Proto.IrVersion,
            opsets,
            graph.RuntimeInputs.Select(Describe).ToArray(),
            graph.Proto.Output.Select(Describe).ToArray(),
            SummarizeParameters(model),
            pattern,
            weights);
    }

    private static GraphValue Describe(Onnx.Protos.ValueInfoProto value)
    {
        var type = Onnx.Graph.ValueType.Of(value);
        return new GraphValue(type.Name, type.ElementTypeName, type.Shape);
    }

    private static ParameterSummary SummarizeParameters(OnnxModel model)
    {
        var graph = model.Graph;
        var tensors = new List<TensorParameters>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in graph.Proto.Initializer)
        {
            if (!seen.Add(tensor.Name))
            {
                continue;
            }

            long count = tensor.Dims.Aggregate(1L, (a, d) => checked(a * d));
            var consumers = graph.Consumers(tensor.Name)
                .Select(c => QualifiedOpType(c.Node))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            tensors.Add(new TensorParameters(tensor.Name, ElementTypes.Name(tensor.DataType), tensor.Dims.ToArray(),
                count, model.ByteCountOf(tensor), consumers));
        }

        var byOpType = graph.Proto.Node
            .GroupBy(QualifiedOpType, StringComparer.Ordinal)
            .Select(group =>
            {
                var read = tensors.Where(t => t.ConsumerOpTypes.Contains(group.Key, StringComparer.Ordinal)).ToArray();
                return new OpTypeParameters(group.Key, group.Count(), read.Length, read.Sum(t => t.Count), read.Sum(t => t.Bytes));
            })
            .OrderByDescending(o => o.Count)
            .ThenByDescending(o => o.NodeCount)
            .ThenBy(o => o.OpType, StringComparer.Ordinal)
            .ToArray();

        return new ParameterSummary(tensors.Sum(t => t.Count), tensors.Sum(t => t.Bytes), byOpType, tensors);
    }

    private static string QualifiedOpType(Onnx.Protos.NodeProto node) =>
        node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}:{node.OpType}";
}
