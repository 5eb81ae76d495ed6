namespace SparseCompile.Generator.Models;

/// <summary>Where the generated <c>Load</c> finds the compiled model.</summary>
internal enum LoadMode
{
    /// <summary>A file beside the application (AppContext.BaseDirectory).</summary>
    File,

    /// <summary>A manifest resource of the assembly that holds the generated class.</summary>
    Resource,
}
