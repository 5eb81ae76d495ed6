using System.Diagnostics.CodeAnalysis;

// The namespace follows its folder, Quantization/Static, beside Quantization/Dynamic. "Static" is a keyword only in
// Visual Basic, and VB callers can still write [Static] to name it.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:SparseCompile.Compiler.Quantization.Static", Justification = "Mirrors Quantization.Dynamic; VB can escape it.")]
