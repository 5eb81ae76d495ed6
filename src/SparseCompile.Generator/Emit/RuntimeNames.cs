namespace SparseCompile.Generator.Emit;

/// <summary>Fully qualified names of the types generated code uses.</summary>
internal static class RuntimeNames
{
    public const string Session = "global::SparseCompile.Runtime.SparseModelSession";
    public const string Options = "global::SparseCompile.Runtime.SparseModelOptions";
    public const string Source = "global::SparseCompile.Runtime.SparseModelSource";
    public const string ModelRun = "global::SparseCompile.Runtime.ModelRun";
    public const string ModelTensor = "global::SparseCompile.Runtime.ModelTensor";
    public const string StaticShapeRunner = "global::SparseCompile.Runtime.StaticShapeRunner";
    public const string TensorBinding = "global::SparseCompile.Runtime.TensorBinding";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ReadOnlyMemory = "global::System.ReadOnlyMemory";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
}
