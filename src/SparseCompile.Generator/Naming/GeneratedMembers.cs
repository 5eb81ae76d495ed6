namespace SparseCompile.Generator.Naming;

/// <summary>The names the emitter gives the wrapper's own members; a class with one of these names cannot compile.</summary>
internal static class GeneratedMembers
{
    public const string Output = "Output";
    public const string Load = "Load";
    public const string Run = "Run";
    public const string RunAsync = "RunAsync";
    public const string Session = "Session";
    public const string ExecutionProvider = "ExecutionProvider";
    public const string Dispose = "Dispose";
    public const string ModelPath = "ModelPath";
    public const string OutputNames = "OutputNames";
    public const string RunCore = "RunCore";
    public const string Runner = "runner";

    /// <summary>Every member name of the wrapper class.</summary>
    public static readonly string[] All = [Output, Load, Run, RunAsync, Session, ExecutionProvider, Dispose, ModelPath, OutputNames, RunCore, Runner];

    /// <summary>Names an output property of the nested Output class must not take: the class's own and object's members.</summary>
    public static readonly string[] OutputClassReserved =
        [Output, "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize"];
}
