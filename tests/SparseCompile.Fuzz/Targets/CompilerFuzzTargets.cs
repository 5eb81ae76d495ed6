using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Masks;
using SparseCompile.Onnx.Diagnostics;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Fuzzing;

/// <summary>The compiler's readers: masks (.npz, .npy, .safetensors) and calibration samples (.npz, TensorProto .pb).</summary>
internal static class CompilerFuzzTargets
{
    /// <summary>A tighter entry limit than the default, so a fuzz input cannot ask for gigabytes.</summary>
    public static readonly MaskReadOptions Options = new() { MaxEntryBytes = 64L << 20 };

    private static readonly InputSpec[] Inputs =
    [
        new("x", DataType.Float, null),
        new("input_ids", DataType.Int64, null),
        new("mask", DataType.Bool, null),
    ];

    /// <summary>The .npz mask reader and the .npz calibration sample reader over the same bytes.</summary>
    public static void Npz(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "masks.npz");
        Expect(() => MaskFileReader.Read(path, Options));
        Expect(() => NpzSampleReader.Read(path, Inputs));
    }

    /// <summary>The .npy mask reader.</summary>
    public static void Npy(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "fc.weight.npy");
        Expect(() => MaskFileReader.Read(path, Options));
    }

    /// <summary>The .safetensors mask reader.</summary>
    public static void SafeTensors(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "masks.safetensors");
        Expect(() => MaskFileReader.Read(path, Options));
    }

    /// <summary>The TensorProto calibration reader (external data resolves in the sample folder).</summary>
    public static void Pb(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "input_0.pb");
        Expect(() => PbTensorDecoder.Read(path));
    }

    /// <summary>The .onnx mask reader (the model layer under the mask reader).</summary>
    public static void OnnxMask(ReadOnlySpan<byte> data)
    {
        string path = FuzzScratch.Write(data, "model.onnx");
        Expect(() => MaskFileReader.Read(path, Options));
    }

    private static void Expect(Func<object> read)
    {
        try
        {
            _ = read();
        }
        catch (SparseCompileException error)
        {
            FuzzScratch.Expected?.Invoke(error);
        }
    }
}
