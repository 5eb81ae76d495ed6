namespace SparseCompile.Compiler.Preparation;

/// <summary>What <see cref="UpgradeOpsetPass"/> did to a model.</summary>
/// <param name="FromOpset">The default-domain opset the model imported, or null when it imported none.</param>
/// <param name="ToOpset">The default-domain opset it imports now (the same when nothing was needed).</param>
/// <param name="FromIrVersion">The IR version before.</param>
/// <param name="ToIrVersion">The IR version after.</param>
/// <param name="NodesRewritten">Nodes whose attributes or inputs changed.</param>
/// <param name="InitializersAdded">Constants added for attributes that became inputs (Unsqueeze axes, Clip bounds, ...).</param>
/// <param name="InitializerInputsRemoved">Initializers no longer listed as graph inputs (an IR 3 convention).</param>
public sealed record OpsetUpgradeResult(
    long? FromOpset,
    long? ToOpset,
    long FromIrVersion,
    long ToIrVersion,
    int NodesRewritten,
    int InitializersAdded,
    int InitializerInputsRemoved)
{
    /// <summary>True when the model was changed.</summary>
    public bool Changed => FromOpset != ToOpset || FromIrVersion != ToIrVersion || InitializerInputsRemoved > 0;
}
