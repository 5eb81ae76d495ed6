using Google.Protobuf;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.GpuCheck;

/// <summary>The dense FP32 models the check compiles with sparsec, and calibration sets for static INT8.</summary>
internal static class CheckModels
{
    /// <summary>Rows of the large-MatMul model's input.</summary>
    public const int MatMulRows = 1024;

    /// <summary>Width of its input and output (K of the first MatMul, N of the last).</summary>
    public const int MatMulWidth = 1024;

    /// <summary>Width of its hidden layers (K and N of the middle MatMuls).</summary>
    public const int MatMulHidden = 4096;

    /// <summary>Tokens per MiniLM sample.</summary>
    public const int Tokens = 128;

    private const int CalibrationSets = 8;

    /// <summary>Writes minilm.onnx, matmul.onnx and their calibration folders into <paramref name="dir"/>.</summary>
    public static int Prepare(string dir)
    {
        Directory.CreateDirectory(dir);
        File.Copy(RealModels.MiniLMPath, Path.Combine(dir, "minilm.onnx"), overwrite: true);
        WriteMatMul(Path.Combine(dir, "matmul.onnx"), MatMulRows, MatMulWidth, MatMulHidden);
        var random = new Random(5);
        for (int set = 0; set < CalibrationSets; set++)
        {
            long[] ids = TokenIds(random);
            WriteSet(Path.Combine(dir, "minilm-calibration"), set,
                TensorFactory.Create<long>("input_ids", [1, Tokens], ids),
                TensorFactory.Create<long>("attention_mask", [1, Tokens], Enumerable.Repeat(1L, Tokens).ToArray()),
                TensorFactory.Create<long>("token_type_ids", [1, Tokens], new long[Tokens]));
            var x = Enumerable.Range(0, MatMulRows * MatMulWidth).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            WriteSet(Path.Combine(dir, "matmul-calibration"), set, TensorFactory.Create<float>("x", [MatMulRows, MatMulWidth], x));
        }

        Console.WriteLine($"Wrote minilm.onnx ({new FileInfo(Path.Combine(dir, "minilm.onnx")).Length} bytes), matmul.onnx "
            + $"(x [{MatMulRows}, {MatMulWidth}] → MatMul {MatMulWidth}x{MatMulHidden} → 2 x MatMul {MatMulHidden}x{MatMulHidden} → MatMul {MatMulHidden}x{MatMulWidth}) "
            + $"and {CalibrationSets} calibration sets each into {dir}");
        return 0;
    }

    /// <summary>
    /// x [rows, width] → MatMul [width, hidden] → Relu → MatMul [hidden, hidden] → Relu → MatMul [hidden, hidden] → Relu
    /// → MatMul [hidden, width] → y [rows, width], seeded weights.
    /// </summary>
    public static void WriteMatMul(string path, int rows, int width, int hidden)
    {
        var b = new OnnxBuilder(13, seed: 3);
        string h = b.Input("x", DataType.Float, rows, width);
        h = b.Relu(b.MatMul(h, width, hidden, "fc1.weight"));
        h = b.Relu(b.MatMul(h, hidden, hidden, "fc2.weight"));
        h = b.Relu(b.MatMul(h, hidden, hidden, "fc3.weight"));
        string y = b.MatMul(h, hidden, width, "fc4.weight");
        b.Return(y, "y", DataType.Float, rows, width);
        using var model = b.BuildModel();
        model.Save(path);
    }

    /// <summary>[CLS], word-piece ids of ordinary vocabulary, [SEP].</summary>
    public static long[] TokenIds(Random random)
    {
        var ids = new long[Tokens];
        ids[0] = 101;
        for (int i = 1; i < Tokens - 1; i++)
        {
            ids[i] = random.Next(1996, 29612);
        }

        ids[^1] = 102;
        return ids;
    }

    // The ONNX model zoo layout sparsec reads: <dir>/test_data_set_N/input_K.pb, tensors named after the inputs.
    private static void WriteSet(string folder, int set, params Onnx.Protos.TensorProto[] tensors)
    {
        string path = Path.Combine(folder, $"test_data_set_{set}");
        Directory.CreateDirectory(path);
        for (int k = 0; k < tensors.Length; k++)
        {
            File.WriteAllBytes(Path.Combine(path, $"input_{k}.pb"), tensors[k].ToByteArray());
        }
    }
}
