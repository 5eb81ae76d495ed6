using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Preparation.Folding;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation;

/// <summary>
/// Folds each inference-form BatchNormalization into the Conv, Gemm or 2-D MatMul before it:
/// W' = W·γ/√(σ²+ε) per output channel and b' = (b − μ)·γ/√(σ²+ε) + β, computed in double and stored as FLOAT.
/// The weight keeps its initializer and name, so masks keyed to it still apply (whole output channels are scaled,
/// so zeros stay zero); a node without a bias gets one ("x.weight" gets "x.bias", else "name_bias"), and a MatMul gets
/// an Add in the BatchNormalization's place. Only folds where nothing else reads the node's output, weight or bias
/// and the parameters are constants; the BatchNormalization's now-unused parameters are removed. Run after
/// <see cref="UpgradeOpsetPass"/> and before the weight-finding pass.
/// </summary>
public sealed class FoldBatchNormPass : ICompilerPass
{
    /// <inheritdoc />
    public string Name => "fold-batchnorm";

    /// <summary>What the last run did; empty before it ran.</summary>
    public BatchNormFoldResult Result { get; private set; } = new([], []);

    /// <summary>The folds of the last run, in graph order.</summary>
    public IReadOnlyList<BatchNormFold> Folded => Result.Folded;

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Result = Fold(context.Model, context.Cancellation);
        foreach (var fold in Result.Folded)
        {
            context.Changes.Add(new GraphChange(Name, $"BatchNormalization '{fold.BatchNormNode}' folded into {fold.TargetOpType} '{fold.TargetNode}' ({fold.Channels} channels)", fold.Weight));
        }

        if (Result.Folded.Count > 0)
        {
            context.Model.RefreshGraph();
        }
    }

    /// <summary>Folds every BatchNormalization of <paramref name="model"/>'s main graph that can be folded, in place.</summary>
    public static BatchNormFoldResult Fold(OnnxModel model, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool listed = InitializerListing.IsListed(model.Proto);
        var folded = new List<BatchNormFold>();
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        var names = new UniqueNames(model.Proto.Graph);
        List<BatchNormKept> kept;
        int before;
        do
        {
            // Each round folds independent pairs; a fold can make another possible (Conv → BatchNorm → BatchNorm).
            cancellation.ThrowIfCancellationRequested();
            before = folded.Count;
            kept = [];
            var view = new FoldView(model);
            foreach (var node in BatchNorms(model.Proto.Graph))
            {
                if (FoldMatcher.Match(view, node, out string reason) is { } candidate)
                {
                    parameters.UnionWith(node.Input.Skip(1));
                    folded.Add(FoldApplier.Apply(view, candidate, names));
                }
                else
                {
                    kept.Add(new BatchNormKept(NodeAttributes.Label(node), reason));
                }
            }

            model.RefreshGraph();
        }
        while (folded.Count > before);

        var removed = RemoveUnused(model, parameters);
        if (listed)
        {
            InitializerListing.Sync(model.Proto.Graph, removed);
        }

        model.RefreshGraph();
        return new BatchNormFoldResult(folded, kept);
    }

    private static NodeProto[] BatchNorms(GraphProto graph) =>
        graph.Node.Where(n => n.OpType == "BatchNormalization" && Opsets.OpsetUpgrader.IsDefaultDomain(n.Domain)).ToArray();

    /// <summary>Removes the initializers among <paramref name="candidates"/> that nothing reads any more.</summary>
    private static HashSet<string> RemoveUnused(OnnxModel model, HashSet<string> candidates)
    {
        var view = new FoldView(model);
        var removed = candidates.Where(n => view.Graph.IsInitializer(n) && view.IsUnused(n)).ToHashSet(StringComparer.Ordinal);
        var initializers = model.Proto.Graph.Initializer;
        for (int i = initializers.Count - 1; i >= 0; i--)
        {
            if (removed.Contains(initializers[i].Name))
            {
                initializers.RemoveAt(i);
            }
        }

        return removed;
    }
}
