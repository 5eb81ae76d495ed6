using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>Finds every residual Add + layer normalization (<see cref="SkipLayerNormMatcher"/>) and replaces each with a com.microsoft SkipLayerNormalization.</summary>
internal static class SkipLayerNormFusion
{
    /// <summary>Fuses the residual layer normalizations of <paramref name="model"/>'s main graph in place.</summary>
    public static void Run(OnnxModel model, List<FusedSubgraph> fused, List<FusionSkip> skipped)
    {
        var view = new FusionView(model);
        var names = new NameScope(model.Proto.Graph);
        var matches = new List<SkipLayerNormMatch>();
        var replacements = new List<Replacement>();
        var taken = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var mean in view.Graph.Proto.Node.Where(n => n.OpType == "ReduceMean" && Attributes.IsDefault(n)).ToArray())
        {
            if (SkipLayerNormMatcher.Match(view, mean, out string reason) is not { } match)
            {
                if (reason.Length > 0)
                {
                    skipped.Add(new FusionSkip(string.IsNullOrEmpty(mean.Name) ? "ReduceMean -> " + mean.Output[0] : mean.Name, reason));
                }

                continue;
            }

            var preview = new Replacement(match.Nodes, match.Nodes[^1], [MicrosoftDomain.Node("SkipLayerNormalization", "preview", [match.Input, match.Skip], [match.Norm.Output])], []);
            string? problem = match.Nodes.Any(taken.Contains) ? "it overlaps another layer normalization" : new RemovalPlan(view, [preview]).Problem;
            if (problem is not null)
            {
                skipped.Add(new FusionSkip(string.IsNullOrEmpty(mean.Name) ? "ReduceMean -> " + mean.Output[0] : mean.Name, problem));
                continue;
            }

            matches.Add(match);
            taken.UnionWith(match.Nodes);
        }

        if (matches.Count == 0)
        {
            return;
        }

        replacements.AddRange(matches.Select(m => SkipLayerNormEmitter.Emit(m, names)));
        var plan = new RemovalPlan(view, replacements);
        MicrosoftDomain.EnsureImported(model.Proto);
        GraphRewriter.Apply(view, replacements, plan);
        for (int i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            fused.Add(new FusedSubgraph("SkipLayerNormalization", replacements[i].Insert[0].Name, m.Nodes.Count,
                $"'{m.Input}' + '{m.Skip}'" + (m.Bias is { } bias ? $" + bias '{bias}'" : string.Empty) + string.Create(System.Globalization.CultureInfo.InvariantCulture, $", normalized with '{m.Norm.Gamma}', '{m.Norm.Beta}', epsilon {m.Norm.Epsilon}")));
        }
    }
}
