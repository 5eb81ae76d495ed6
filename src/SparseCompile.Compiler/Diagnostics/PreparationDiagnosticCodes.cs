namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable error codes of the passes that prepare a model for compiling (SC1150–SC1159): bringing its opset up
/// to the one the INT8 passes need. docs/diagnostics.md is the catalogue.
/// </summary>
public static class PreparationDiagnosticCodes
{
    /// <summary>
    /// The model's default-domain opset is older than 13 and at least one of its nodes cannot be brought up to
    /// opset 13 without changing what it computes (or is an op the upgrade does not know); the message names every
    /// blocking op type, with the node and the reason.
    /// </summary>
    public const string OpsetUpgradeBlocked = "SC1150";
}
