using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Fuzzing;

/// <summary>The ONNX reader: <see cref="OnnxModel.Load(string)"/> with external data files beside the model.</summary>
internal static class OnnxFuzzTarget
{
    /// <summary>Loads the bytes as model.onnx; a <see cref="SparseCompileException"/> is the expected failure, anything else escapes.</summary>
    public static void Run(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "model.onnx");
        try
        {
            using var model = OnnxModel.Load(path);
            _ = model.Graph;
            _ = model.OpsetVersion();
        }
        catch (SparseCompileException error)
        {
            FuzzScratch.Expected?.Invoke(error);
        }
    }
}
