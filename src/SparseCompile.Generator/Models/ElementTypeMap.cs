using System.Collections.Generic;

namespace SparseCompile.Generator.Models;

/// <summary>The ONNX element types a generated wrapper supports, by the manifest's name for them.</summary>
internal static class ElementTypeMap
{
    private static readonly Dictionary<string, string> CSharpTypes = new(System.StringComparer.Ordinal)
    {
        ["FLOAT"] = "float",
        ["FLOAT16"] = "global::System.Half",
        ["DOUBLE"] = "double",
        ["INT8"] = "sbyte",
        ["UINT8"] = "byte",
        ["INT16"] = "short",
        ["UINT16"] = "ushort",
        ["INT32"] = "int",
        ["UINT32"] = "uint",
        ["INT64"] = "long",
        ["UINT64"] = "ulong",
        ["BOOL"] = "bool",
    };

    /// <summary>The supported element type named <paramref name="onnxName"/>, or null (string, bfloat16, float8, int4, complex, non-tensors...).</summary>
    public static ElementTypeSpec? Find(string onnxName) =>
        CSharpTypes.TryGetValue(onnxName, out string? type) ? new ElementTypeSpec(onnxName, type) : null;

    /// <summary>The names of the supported types, for messages.</summary>
    public static string SupportedNames => string.Join(", ", CSharpTypes.Keys);
}
