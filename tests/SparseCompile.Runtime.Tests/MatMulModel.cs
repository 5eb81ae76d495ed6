using System.IO.Compression;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Runtime.Tests;

/// <summary>A small MatMul model x [2, 16] → y [2, 8], saved plain and Brotli-compressed in a temp folder.</summary>
public sealed class MatMulModel : IDisposable
{
    public static readonly long[] InputShape = [2, 16];
    public static readonly long[] OutputShape = [2, 8];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("sparse-runtime-tests-");

    public MatMulModel()
    {
        var builder = new OnnxBuilder();
        string x = builder.Input("x", DataType.Float, 2L, 16L);
        string y = builder.MatMul(x, 16, 8);
        builder.Return(y, "y", DataType.Float, 2L, 8L);
        Bytes = builder.Build().ToByteArray();
        BrotliBytes = Compress(Bytes);
        Path = System.IO.Path.Combine(folder.FullName, "model.onnx");
        BrotliPath = Path + ".br";
        File.WriteAllBytes(Path, Bytes);
        File.WriteAllBytes(BrotliPath, BrotliBytes);
        Input = Enumerable.Range(0, 32).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        Expected = OrtRunner.Run(Path, new Dictionary<string, (float[], int[])> { ["x"] = (Input, [2, 16]) })["y"];
    }

    public byte[] Bytes { get; }

    public byte[] BrotliBytes { get; }

    public string Path { get; }

    public string BrotliPath { get; }

    public string Folder => folder.FullName;

    public float[] Input { get; }

    /// <summary>Plain ONNX Runtime's output for <see cref="Input"/> on the plain file.</summary>
    public float[] Expected { get; }

    /// <summary>Runs <paramref name="session"/> on <see cref="Input"/> through the convenience overload.</summary>
    public float[] RunOnce(SparseModelSession session)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(Input, InputShape);
        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["x"] = input });
        return outputs["y"].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => folder.Delete(recursive: true);

    private static byte[] Compress(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var encoder = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            encoder.Write(bytes);
        }

        return buffer.ToArray();
    }
}
