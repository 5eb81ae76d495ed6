using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>Finds every self-attention block (<see cref="AttentionMatcher"/>) and replaces each with a com.microsoft Attention.</summary>
internal static class AttentionFusion
{
    /// <summary>Fuses the blocks of <paramref name="model"/>'s main graph in place.</summary>
    public static void Run(OnnxModel model, List<FusedSubgraph> fused, List<FusionSkip> skipped)
    {
        var view = new FusionView(model);
        var matches = new List<AttentionMatch>();
        var taken = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var softmax in view.Graph.Proto.Node.Where(n => n.OpType == "Softmax" && Attributes.IsDefault(n)).ToArray())
        {
            string anchor = string.IsNullOrEmpty(softmax.Name) ? "Softmax -> " + softmax.Output[0] : softmax.Name;
            if (AttentionMatcher.Match(view, softmax, out string reason) is not { } match)
            {
                skipped.Add(new FusionSkip(anchor, reason));
            }
            else if (match.Nodes.Any(taken.Contains))
            {
                skipped.Add(new FusionSkip(anchor, "it overlaps another attention block"));
            }
            else if (new RemovalPlan(view, [Preview(match)]).Problem is { } problem)
            {
                skipped.Add(new FusionSkip(anchor, problem));
            }
            else
            {
                matches.Add(match);
                taken.UnionWith(match.Nodes);
            }
        }

        if (matches.Count == 0)
        {
            return;
        }

        var emitter = new AttentionEmitter(view, new NameScope(model.Proto.Graph));
        var replacements = matches.Select(emitter.Emit).ToArray();
        var plan = new RemovalPlan(view, replacements);
        MicrosoftDomain.EnsureImported(model.Proto);
        GraphRewriter.Apply(view, replacements, plan, emitter.MaskCasts);
        for (int i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var node = replacements[i].Insert[0];
            fused.Add(new FusedSubgraph("Attention", node.Name, m.Nodes.Count,
                $"{m.Heads} heads of {m.Query.HeadSize}; Q/K/V weights '{m.Query.Projection.Weight}', '{m.Key.Projection.Weight}', '{m.Value.Projection.Weight}' packed into '{node.Input[1]}'"
                + (m.Mask is { } mask ? $"; mask '{mask.Source}'" : "; no mask")));
        }
    }

    /// <summary>A stand-in replacement with the fused node's inputs and output, for checking a match before emitting it.</summary>
    private static Replacement Preview(AttentionMatch match)
    {
        var inputs = match.Mask is { } mask ? new[] { match.Input, mask.Source } : [match.Input];
        return new Replacement(match.Nodes, match.Last, [MicrosoftDomain.Node("Attention", "preview", inputs, [match.Output])], []);
    }
}
