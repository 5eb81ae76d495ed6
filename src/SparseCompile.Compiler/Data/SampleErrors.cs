using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Data;

/// <summary>The SC117x errors of sample files, worded once. Every message names the tensor where there is one.</summary>
internal static class SampleErrors
{
    public static SparseCompileException NotFound(string path, string what) =>
        new(EvaluationDiagnosticCodes.DataNotFound, path, what);

    public static SparseCompileException ReadFailed(string path, Exception inner) =>
        new(EvaluationDiagnosticCodes.SampleReadFailed, path, $"the sample file could not be read: {inner.Message}", inner: inner);

    public static SparseCompileException TooLarge(string path, string? tensor, long bytes, long limit) =>
        new(EvaluationDiagnosticCodes.SampleReadFailed, path,
            $"{Subject(tensor)}declares {bytes} bytes, over the {limit}-byte limit of one sample tensor", tensor);

    public static SparseCompileException Malformed(string path, string? tensor, string what) =>
        new(EvaluationDiagnosticCodes.MalformedSample, path, $"{Subject(tensor)}{what}", tensor);

    public static SparseCompileException SizeMismatch(string path, string? tensor, string what) =>
        new(EvaluationDiagnosticCodes.SampleSizeMismatch, path, $"{Subject(tensor)}{what}", tensor);

    public static SparseCompileException UnknownInput(string path, string tensor, IReadOnlyList<InputSpec> inputs) =>
        new(EvaluationDiagnosticCodes.UnknownSampleInput, path,
            $"tensor '{tensor}' names no runtime input of the model (inputs: {string.Join(", ", inputs.Select(i => i.Name))})", tensor);

    public static SparseCompileException DuplicateInput(string path, string tensor) =>
        new(EvaluationDiagnosticCodes.UnknownSampleInput, path, $"input '{tensor}' is given twice in one sample", tensor);

    public static SparseCompileException MissingInput(string path, string input) =>
        new(EvaluationDiagnosticCodes.MissingSampleInput, path, $"the sample has no tensor for the model's input '{input}'", input);

    public static SparseCompileException TypeMismatch(string path, string tensor, string what) =>
        new(EvaluationDiagnosticCodes.SampleTypeMismatch, path, $"tensor '{tensor}' {what}", tensor);

    public static SparseCompileException ShapeMismatch(string path, string tensor, string what) =>
        new(EvaluationDiagnosticCodes.SampleShapeMismatch, path, $"tensor '{tensor}' {what}", tensor);

    private static string Subject(string? tensor) => tensor is null ? string.Empty : $"tensor '{tensor}': ";
}
