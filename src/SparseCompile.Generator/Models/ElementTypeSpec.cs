namespace SparseCompile.Generator.Models;

/// <summary>An ONNX element type (<see cref="OnnxName"/>, as the manifest spells it) and the C# type that holds it.</summary>
internal sealed record ElementTypeSpec(string OnnxName, string CSharpType);
