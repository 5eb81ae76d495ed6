namespace SparseCompile.Cli.Weights;

/// <summary>How magnitude masks rank weights.</summary>
internal enum MaskScope
{
    /// <summary>Each weight keeps its own top fraction.</summary>
    Layer,

    /// <summary>All prunable weights are ranked together: one threshold for all (open_lth's sparse_global).</summary>
    Global,
}
