using Microsoft.CodeAnalysis;

namespace SparseCompile.Generator.Diagnostics;

/// <summary>The generator's diagnostics, SCG0001 onward; docs/diagnostics.md describes each one.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SparseCompile.Generator";

    public static readonly DiagnosticDescriptor MalformedJson = Error(
        "SCG0001", "Malformed model manifest", "The model manifest is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor UnsupportedSchema = Error(
        "SCG0002", "Unsupported manifest schema", "The model manifest has schema version {0}; this generator reads version {1}. Rebuild with matching SparseCompile versions.");

    public static readonly DiagnosticDescriptor InvalidField = Error(
        "SCG0003", "Missing or invalid manifest field", "The model manifest's {0} {1}");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        "SCG0004", "Unsupported element type", "The model's {0} '{1}' has element type {2}, which the generated wrapper cannot pass; supported: {3}");

    public static readonly DiagnosticDescriptor InvalidClassName = Error(
        "SCG0005", "Invalid class name", "'{0}' is not a valid C# class name for the model wrapper; set ClassName on the SparseModel item to an identifier");

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        "SCG0006", "Invalid namespace", "'{0}' is not a valid C# namespace for the model wrapper; set Namespace on the SparseModel item to dotted identifiers");

    public static readonly DiagnosticDescriptor ClassNameCollision = Error(
        "SCG0007", "Class name collides with a generated member", "The class name '{0}' is also the name of a member the wrapper must have; choose another ClassName");

    public static readonly DiagnosticDescriptor UnknownLoadMode = Error(
        "SCG0008", "Unknown load mode", "SparseModelLoad is '{0}'; expected File or Resource");

    public static readonly DiagnosticDescriptor InputWithoutShape = Error(
        "SCG0009", "Input without a shape", "The model's input '{0}' has no known rank, so the wrapper cannot check or pass its shape");

    public static readonly DiagnosticDescriptor DuplicateClass = Error(
        "SCG0010", "Two models generate the same class", "The model wrapper '{0}' would also be generated, with this name or one differing only in case, from {1}; give the SparseModel items different ClassName or Namespace values");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
