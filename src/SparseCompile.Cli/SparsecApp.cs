namespace SparseCompile.Cli;

/// <summary>The sparsec command line, callable in-process (tests, samples) as well as from Program.</summary>
public static class SparsecApp
{
    /// <summary>Runs sparsec with <paramref name="args"/>; returns 0 on success, 1 for invalid input, 2 for usage errors.</summary>
    public static int Run(string[] args) => args.Length == 0 ? 2 : 0; // replaced by the real command tree
}
