using System.Runtime.CompilerServices;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion;

/// <summary>
/// Remembers, for the rest of a compile, which original weights a packed weight was made from, so that a later pass
/// can still honour options that name them (<c>--exclude</c>, keep-float lists). Keyed by the packed initializer
/// object; nothing is stored in the model.
/// </summary>
public static class FusedWeightSources
{
    private static readonly ConditionalWeakTable<TensorProto, string[]> Sources = [];

    /// <summary>The original weights <paramref name="packed"/> was made from, or an empty list for a weight that was not packed.</summary>
    public static IReadOnlyList<string> Of(TensorProto packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return Sources.TryGetValue(packed, out var names) ? names : [];
    }

    /// <summary>Records that <paramref name="packed"/> was made from <paramref name="sources"/>.</summary>
    internal static void Record(TensorProto packed, IEnumerable<string> sources) => Sources.AddOrUpdate(packed, sources.ToArray());
}
