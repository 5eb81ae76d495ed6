using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>Builds the com.microsoft SkipLayerNormalization(input, skip, gamma, beta[, bias]) with the matched epsilon.</summary>
internal static class SkipLayerNormEmitter
{
    /// <summary>The replacement for <paramref name="match"/>.</summary>
    public static Replacement Emit(SkipLayerNormMatch match, NameScope names)
    {
        var norm = match.Norm;
        var last = match.Nodes[^1];
        var inputs = new List<string> { match.Input, match.Skip, norm.Gamma, norm.Beta };
        if (match.Bias is { } bias)
        {
            inputs.Add(bias);
        }

        string stem = norm.Gamma.EndsWith(".weight", StringComparison.Ordinal) ? norm.Gamma[..^".weight".Length] + "." : (string.IsNullOrEmpty(last.Name) ? norm.Output : last.Name) + "_";
        var node = MicrosoftDomain.Node("SkipLayerNormalization", names.Fresh(stem + "SkipLayerNormalization"), inputs, [norm.Output],
            MicrosoftDomain.FloatAttribute("epsilon", norm.Epsilon));
        return new Replacement(match.Nodes, last, [node], []);
    }
}
