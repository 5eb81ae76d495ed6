namespace SparseCompile.Cli;

/// <summary>
/// Codes of errors only sparsec raises, for inputs that must match each other: two mask files compared by
/// <c>sparsec diff</c>, or the checkpoints of <c>sparsec earlybird</c>. They sit after the compiler's SC11xx
/// mask codes and are meant to move into its catalogue (docs/diagnostics.md) unchanged.
/// </summary>
internal static class CliDiagnosticCodes
{
    /// <summary>A tensor name is in one input but not the other (a mask key for diff, a prunable weight for earlybird).</summary>
    public const string TensorSetsDiffer = "SC1130";

    /// <summary>A tensor has a different shape (or, for earlybird, element type) in the two inputs.</summary>
    public const string TensorShapesDiffer = "SC1131";
}
