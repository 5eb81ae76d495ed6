using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Graph;

namespace SparseCompile.Compiler.Naming;

/// <summary>
/// Finds the weight a mask key means. Keys may be ONNX initializer names or PyTorch parameter
/// names; torch.onnx.export often renames weights (<c>onnx::MatMul_123</c>, <c>927</c>) and stores a
/// Linear layer's [out, in] weight transposed as MatMul B [in, out]. Such keys are matched through
/// the scope in the exported node names, or, for exports without scopes, through the layer's bias,
/// which keeps its PyTorch name and is added to the weight's MatMul output.
/// </summary>
public sealed class MaskKeyResolver
{
    private readonly OnnxGraph graph;
    private readonly string maskFile;
    private readonly Dictionary<string, PrunableWeight> byName;
    private readonly Dictionary<int, PrunableWeight> byNodeIndex = [];
    private readonly Dictionary<Onnx.Protos.NodeProto, int> nodeIndex = new(ReferenceEqualityComparer.Instance);

    /// <summary>Prepares lookups over <paramref name="weights"/> of <paramref name="graph"/>; <paramref name="maskFile"/> names errors.</summary>
    public MaskKeyResolver(OnnxGraph graph, IReadOnlyList<PrunableWeight> weights, string maskFile)
    {
        this.graph = graph;
        this.maskFile = maskFile;
        Weights = weights;
        byName = weights.ToDictionary(w => w.Name, StringComparer.Ordinal);
        foreach (var weight in weights)
        {
            foreach (var use in weight.Uses)
            {
                byNodeIndex.TryAdd(use.NodeIndex, weight);
            }
        }

        for (int i = 0; i < graph.Proto.Node.Count; i++)
        {
            nodeIndex[graph.Proto.Node[i]] = i;
        }
    }

    /// <summary>The weights keys can resolve to.</summary>
    public IReadOnlyList<PrunableWeight> Weights { get; }

    /// <summary>Resolves one key whose mask has shape <paramref name="maskShape"/>.</summary>
    /// <exception cref="SparseCompileException">SC1110 no match, SC1111 ambiguous, SC1112 shape mismatch.</exception>
    public MaskKeyResolution Resolve(string key, IReadOnlyList<long> maskShape)
    {
        if (byName.TryGetValue(key, out var exact))
        {
            return WithShape(key, exact, maskShape, MaskKeyRoute.InitializerName);
        }

        string? module = ModulePaths.OfParameter(key);
        if (module is null)
        {
            throw Unmatched(key);
        }

        var scoped = Distinct(Weights.Where(w => w.Uses.Any(u => ModulePaths.OfNode(u.NodeName) == module)));
        if (scoped.Count > 0)
        {
            return Single(key, scoped, maskShape, MaskKeyRoute.NodeScope);
        }

        var viaBias = Distinct(WeightsBesideBias(module + ".bias"));
        if (viaBias.Count > 0)
        {
            return Single(key, viaBias, maskShape, MaskKeyRoute.SiblingBias);
        }

        throw Unmatched(key);
    }

    // A Linear layer exports as MatMul(x, B) followed by Add(_, bias), or as Gemm(x, B, bias).
    private IEnumerable<PrunableWeight> WeightsBesideBias(string biasName)
    {
        if (!graph.IsInitializer(biasName))
        {
            yield break;
        }

        foreach (var consumer in graph.Consumers(biasName))
        {
            var node = consumer.Node;
            if (node.OpType == "Gemm" && consumer.InputIndex == 2 && FindByNode(node) is { } gemmWeight)
            {
                yield return gemmWeight;
            }

            if (node.OpType != "Add")
            {
                continue;
            }

            foreach (string input in node.Input.Where(i => i != biasName))
            {
                if (graph.Producer(input) is { } producer && FindByNode(producer) is { } weight)
                {
                    yield return weight;
                }
            }
        }
    }

    private PrunableWeight? FindByNode(Onnx.Protos.NodeProto node) =>
        nodeIndex.TryGetValue(node, out int index) ? byNodeIndex.GetValueOrDefault(index) : null;

    private MaskKeyResolution Single(string key, List<PrunableWeight> candidates, IReadOnlyList<long> maskShape, MaskKeyRoute route)
    {
        if (candidates.Count > 1)
        {
            throw new SparseCompileException(CompileDiagnosticCodes.MaskKeyAmbiguous, maskFile,
                $"mask '{key}' matches more than one weight: {string.Join(", ", candidates.Select(c => $"'{c.Name}'"))}", key);
        }

        return WithShape(key, candidates[0], maskShape, route);
    }

    private MaskKeyResolution WithShape(string key, PrunableWeight weight, IReadOnlyList<long> maskShape, MaskKeyRoute route)
    {
        bool same = maskShape.SequenceEqual(weight.Dims);
        bool reversed = maskShape.Count == 2 && weight.Dims.Count == 2 && maskShape[0] == weight.Dims[1] && maskShape[1] == weight.Dims[0];

        // A PyTorch Linear weight is [out, in]; MatMul B is [in, out] and Gemm B is [out, in] only with transB=1.
        // So a key matched through PyTorch names is transposed exactly when the slot computes x·B.
        bool pytorchTransposes = route != MaskKeyRoute.InitializerName && weight.ReductionAxis == 0 && weight.Dims.Count == 2
            && weight.Uses[0].OpType is "MatMul" or "Gemm";
        if (pytorchTransposes && reversed)
        {
            return new MaskKeyResolution(key, weight, Transposed: true, route);
        }

        if (same && !pytorchTransposes)
        {
            return new MaskKeyResolution(key, weight, Transposed: false, route);
        }

        if (reversed && route == MaskKeyRoute.InitializerName)
        {
            return new MaskKeyResolution(key, weight, Transposed: true, route);
        }

        throw new SparseCompileException(CompileDiagnosticCodes.MaskShapeMismatch, maskFile,
            $"mask '{key}' has shape {Format(maskShape)} but weight '{weight.Name}' has shape {Format(weight.Dims)}"
            + (pytorchTransposes ? $" (a PyTorch weight for it would be {Format(weight.Dims.Reverse().ToArray())})" : string.Empty), key);
    }

    private SparseCompileException Unmatched(string key)
    {
        var names = Weights.Select(w => w.Name)
            .Concat(Weights.SelectMany(w => w.Uses).Select(u => ModulePaths.OfNode(u.NodeName)).OfType<string>().Select(m => m + ".weight"))
            .Distinct(StringComparer.Ordinal);
        var closest = names.OrderBy(n => EditDistance.Between(key, n)).ThenBy(n => n, StringComparer.Ordinal).Take(3).ToArray();
        string hint = closest.Length == 0 ? "the model has no prunable weights" : "closest: " + string.Join(", ", closest.Select(c => $"'{c}'"));
        return new SparseCompileException(CompileDiagnosticCodes.MaskKeyUnmatched, maskFile,
            $"mask '{key}' matches no prunable weight of the model; {hint}", key);
    }

    private static List<PrunableWeight> Distinct(IEnumerable<PrunableWeight> weights) =>
        weights.DistinctBy(w => w.Name, StringComparer.Ordinal).ToList();

    private static string Format(IReadOnlyList<long> dims) => "[" + string.Join(", ", dims) + "]";
}
