using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary><see cref="QuantizationOptions.EmbeddingBits"/> = 4: embedding tables in [-7, 7] per row, MatMul weights untouched.</summary>
public class EmbeddingBitsTests
{
    private const int Rows = 100;
    private const int Dim = 32;

    [Fact]
    public void FourBitTableHoldsValuesInMinus7To7WithAClippedScalePerRowAndZeroRowsStayZero()
    {
        using var model = EmbeddingThenMatMul();
        float[] table = model.ReadInitializer("embeddings.weight").ToSingleArray();
        float[] weight = model.ReadInitializer("proj.weight").ToSingleArray();

        var context = Quantize(model, 4);

        sbyte[] values = model.ReadInitializer("embeddings.weight_quantized").AsSpan<sbyte>().ToArray();
        float[] scales = model.ReadInitializer("embeddings.weight_scale").ToSingleArray();
        Assert.Equal([(long)Rows, 1], model.Graph.FindInitializer("embeddings.weight_scale")!.Dims);
        Assert.Equal(["Gather", "Cast", "Gather", "Mul"], model.Proto.Graph.Node.Take(4).Select(n => n.OpType)); // the 8-bit graph
        for (int r = 0; r < Rows; r++)
        {
            var row = table.AsSpan(r * Dim, Dim);
            var q = values.AsSpan(r * Dim, Dim);
            float max = 0;
            foreach (float v in row)
            {
                max = Math.Max(max, Math.Abs(v));
            }

            if (max == 0)
            {
                Assert.Equal(1f, scales[r]);
                Assert.All(q.ToArray(), v => Assert.Equal(0, v));
                continue;
            }

            // The scale is max|x| / 7 clipped by at most half, the one of the 11 tried with the smallest squared error.
            float full = (float)((double)max / 7);
            float[] rowValues = row.ToArray();
            double Error(float scale)
            {
                double sum = 0;
                foreach (float v in rowValues)
                {
                    double d = v - (Math.Clamp(Math.Round(v / (double)scale, MidpointRounding.ToEven), -7, 7) * scale);
                    sum += d * d;
                }

                return sum;
            }

            var tried = Enumerable.Range(0, 11).Select(k => (float)(full * (1 - (k / 20.0)))).ToArray();
            Assert.Contains(scales[r], tried);
            Assert.Equal(tried.Min(Error), Error(scales[r]));
            Assert.Equal(7, q.ToArray().Max(v => Math.Abs((int)v)));
            for (int d = 0; d < Dim; d++)
            {
                Assert.InRange(q[d], -7, 7);
                Assert.Equal(Math.Clamp(Math.Round(row[d] / (double)scales[r], MidpointRounding.ToEven), -7, 7), q[d]);
            }
        }

        Assert.Equal(0f, scales.Count(s => s == 1f) - 1); // row 7, the all-zero row, and no other
        Assert.Equal(1f, scales[7]);

        // The MatMul weight keeps the full INT8 range: the largest value of every column is ±127.
        sbyte[] matmul = model.ReadInitializer("proj.weight_quantized").AsSpan<sbyte>().ToArray();
        var expected = PerChannelQuantizer.Quantize(weight, [Dim, 16], 1, "proj.weight");
        Assert.Equal(expected.Values, matmul);
        Assert.Equal(127, matmul.Max(v => Math.Abs((int)v)));

        Assert.Collection(context.Quantized,
            q => Assert.Equal(("Gather", 4), (q.OpType, q.Bits)),
            q => Assert.Equal(("MatMul", 8), (q.OpType, q.Bits)));
    }

    [Fact]
    public void EightBitsIsTheDefaultAndLeavesTheTableInTheFullRange()
    {
        Assert.Equal(8, new QuantizationOptions().EmbeddingBits);
        using var model = EmbeddingThenMatMul();
        var context = Quantize(model, 8);
        sbyte[] values = model.ReadInitializer("embeddings.weight_quantized").AsSpan<sbyte>().ToArray();
        Assert.Equal(127, values.Max(v => Math.Abs((int)v)));
        Assert.All(context.Quantized, q => Assert.Equal(8, q.Bits));
    }

    [Fact]
    public void OrtLooksUpRowsWithinHalfAFourBitStepOrTheClip()
    {
        using var folder = new TempFolder();
        float[] table;
        using (var model = QuantModels.Embedding())
        {
            table = model.ReadInitializer("embeddings.weight").ToSingleArray();
            Quantize(model, 4);
            model.Save(folder.File("int4.onnx"));
        }

        long[] ids = [0, 7, 99, 7, 42, 13, 99, 1, 2, 3];
        var actual = OrtSessions.Run(folder.File("int4.onnx"), GraphOptimizationLevel.ORT_ENABLE_ALL,
            longs: new Dictionary<string, (long[], int[])> { ["ids"] = (ids, [2, 5]) })["y"];
        for (int t = 0; t < ids.Length; t++)
        {
            var row = table.AsSpan((int)ids[t] * Dim, Dim);
            float max = 0;
            foreach (float v in row)
            {
                max = Math.Max(max, Math.Abs(v));
            }

            // Within half a step, or clipped to the row's largest level (at least half of max|x|).
            double step = max == 0 ? 1 : max / 7.0;
            for (int d = 0; d < Dim; d++)
            {
                float got = actual[(t * Dim) + d];
                bool clipped = Math.Abs(got) >= max / 2 && Math.Abs(got) < Math.Abs(row[d]) && Math.Sign(got) == Math.Sign(row[d]);
                Assert.True(clipped || Math.Abs(got - row[d]) <= (step / 2 * 1.0001) + 1e-9, $"token {t} dim {d}: {got} vs {row[d]}");
                if (row[d] == 0)
                {
                    Assert.Equal(0f, got);
                }
            }
        }
    }

    [Fact]
    public void TheSameInputGivesTheSameBytesAndTheManifestRecordsTheBits()
    {
        using var folder = new TempFolder();
        string path;
        using (var model = EmbeddingThenMatMul())
        {
            path = QuantModels.Save(model, folder);
        }

        CompileResult Compile(string output) => SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = path,
            OutputDirectory = folder.File(output),
            Compress = true,
            Quantization = new QuantizationOptions { EmbeddingBits = 4 },
        });

        var first = Compile("a");
        var second = Compile("b");
        Assert.Equal(File.ReadAllBytes(first.ModelPath), File.ReadAllBytes(second.ModelPath));
        Assert.Equal(File.ReadAllBytes(first.CompressedModelPath!), File.ReadAllBytes(second.CompressedModelPath!));
        Assert.Equal(File.ReadAllBytes(first.ManifestPath), File.ReadAllBytes(second.ManifestPath));

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(first.ManifestPath));
        Assert.Equal(4, manifest.RootElement.GetProperty("options").GetProperty("embeddingBits").GetInt32());
        Assert.Equal([4, 8], manifest.RootElement.GetProperty("quantized").EnumerateArray().Select(q => q.GetProperty("bits").GetInt32()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    public void OtherBitCountsAreSC1125(int bits)
    {
        using var folder = new TempFolder();
        string path;
        using (var model = QuantModels.Embedding())
        {
            path = QuantModels.Save(model, folder);
        }

        var error = Assert.Throws<SparseCompileException>(() => SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = path,
            OutputDirectory = folder.File("out"),
            Quantization = new QuantizationOptions { EmbeddingBits = bits },
        }));
        Assert.Equal(CompileDiagnosticCodes.InvalidOption, error.Code);
        Assert.Contains($"embedding bits must be 8 or 4, not {bits}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void FourBitScaleAndRounding()
    {
        Assert.Equal((float)(3.5 / 7), SymmetricInt8.Scale(3.5f, 7));
        Assert.Equal(1f, SymmetricInt8.Scale(0f, 7));
        Assert.Equal(7, SymmetricInt8.Quantize(3.5f, 0.5f, 7));
        Assert.Equal(-7, SymmetricInt8.Quantize(-100f, 0.5f, 7));
        Assert.Equal(2, SymmetricInt8.Quantize(1.25f, 0.5f, 7)); // 2.5 rounds half to even
        Assert.Equal(0, SymmetricInt8.Quantize(0f, 0.5f, 7));
        Assert.Equal(127, QuantizationOptions.QMaxOf(8));
        Assert.Equal(7, QuantizationOptions.QMaxOf(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInt8.Scale(1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInt8.Scale(1f, 128));
    }

    /// <summary>ids [2, 5] → Gather(table [100, 32]; row 7 all zeros) → MatMul [32, 16] → y [2, 5, 16].</summary>
    private static OnnxModel EmbeddingThenMatMul()
    {
        var b = new OnnxBuilder(13, seed: 5);
        string ids = b.Input("ids", DataType.Int64, 2, 5);
        var table = b.RandomValues(Rows * Dim, 0.05f);
        Array.Clear(table, 7 * Dim, Dim);
        b.Initializer("embeddings.weight", [Rows, Dim], table);
        string rows = b.Node("Gather", ["embeddings.weight", ids], null, OnnxBuilder.IntAttr("axis", 0));
        string y = b.MatMul(rows, Dim, 16, "proj.weight");
        b.Return(y, "y", DataType.Float, 2, 5, 16);
        return b.BuildModel();
    }

    private static CompilationContext Quantize(OnnxModel model, int bits)
    {
        var options = DynamicRun.Options() with { Quantization = new QuantizationOptions { Mode = QuantizationMode.Dynamic, EmbeddingBits = bits } };
        var context = new CompilationContext(model, options);
        new DynamicQuantizationPass().Run(context);
        return context;
    }
}
