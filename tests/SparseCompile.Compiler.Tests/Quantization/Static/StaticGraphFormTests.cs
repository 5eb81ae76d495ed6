using System.Globalization;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>What the pass writes: INT8 weights, INT32 biases, activation pairs, records; and what it leaves alone.</summary>
public class StaticGraphFormTests
{
    [Theory]
    [InlineData("conv1.weight", 0)]
    [InlineData("conv2.weight", 0)]
    [InlineData("fc.weight", 0)] // Gemm transB = 1: B is [N, K]
    public void CnnWeightsAreInt8WithAScalePerOutputChannel(string weight, int axis)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var floats = StaticModels.Weights(model, weight);
        var dims = model.Graph.FindInitializer(weight)!.Dims.ToArray();
        StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder)));

        AssertInt8Weight(model, weight, floats, dims, axis);
    }

    [Theory]
    [InlineData("fc1.weight", 1)]
    [InlineData("fc2.weight", 1)]
    [InlineData("fc3.weight", 1)] // Gemm transB = 0: B is [K, N]
    public void MlpWeightsAreInt8WithAScalePerOutputColumn(string weight, int axis)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Mlp();
        var floats = StaticModels.Weights(model, weight);
        var dims = model.Graph.FindInitializer(weight)!.Dims.ToArray();
        StaticRun.Quantize(model, StaticRun.Options(CalibrationFolder.Write(folder.File("calibration"), "x", [4, 64], StaticModels.MlpInputs(2, seed: 1))));

        AssertInt8Weight(model, weight, floats, dims, axis);
    }

    [Fact]
    public void BiasesAreInt32AtInputScaleTimesWeightScale()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var bias = StaticModels.Weights(model, "conv1.bias");
        var pass = new StaticQuantizationPass();
        StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder)), pass);

        var dq = Dequantizer(model, "conv1.bias_quantized");
        var values = model.ReadInitializer("conv1.bias_quantized").AsSpan<int>().ToArray();
        var scales = model.ReadInitializer(dq.Input[1]).AsSpan<float>().ToArray();
        var weightScales = model.ReadInitializer("conv1.weight_scale").AsSpan<float>().ToArray();
        float inputScale = pass.Ranges["x"].Threshold / 127f;
        Assert.Equal(DataType.Int32, (DataType)model.Graph.FindInitializer("conv1.bias_quantized")!.DataType);
        Assert.All(model.ReadInitializer(dq.Input[2]).AsSpan<int>().ToArray(), z => Assert.Equal(0, z));
        for (int c = 0; c < bias.Length; c++)
        {
            Assert.Equal(model.ReadInitializer("x_scale").AsSpan<float>()[0] * weightScales[c], scales[c]);
            Assert.Equal(inputScale * weightScales[c], scales[c], 1e-9f);
            Assert.InRange(Math.Abs((values[c] * (double)scales[c]) - bias[c]), 0, scales[c] / 2.0);
        }

        Assert.Null(model.Graph.FindInitializer("conv1.bias"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ActivationsAreInt8SymmetricOrUint8Asymmetric(bool symmetric)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var pass = new StaticQuantizationPass();
        StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder), symmetric), pass);

        var quantizers = model.Proto.Graph.Node.Where(n => n.OpType == "QuantizeLinear").ToArray();
        Assert.NotEmpty(quantizers);
        foreach (var q in quantizers)
        {
            var zeroPoint = model.Graph.FindInitializer(q.Input[2])!;
            float scale = model.ReadInitializer(q.Input[1]).AsSpan<float>()[0];
            Assert.Equal(symmetric ? DataType.Int8 : DataType.Uint8, (DataType)zeroPoint.DataType);
            Assert.Empty(zeroPoint.Dims);
            if (symmetric)
            {
                Assert.Equal(0, model.ReadTensor(zeroPoint).AsSpan<sbyte>()[0]);
            }

            // The tensor a pair quantizes: the producer's raw output (a fused producer) or the tensor itself.
            string tensor = q.Input[0].EndsWith("_float", StringComparison.Ordinal) ? q.Input[0][..^"_float".Length] : q.Input[0];
            var range = pass.Ranges[tensor];
            float expected = symmetric ? range.Threshold / 127 : (range.Asymmetric.Max - range.Asymmetric.Min) / 255;
            Assert.Equal(expected, scale, expected * 1e-5f);
        }
    }

    [Fact]
    public void QuantizedWeightsAreRecordedWithTheirInputRange()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var pass = new StaticQuantizationPass();
        var context = StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder)), pass);

        Assert.Equal(["conv1.weight", "conv2.weight", "fc.weight"], context.Quantized.Select(q => q.Weight));
        Assert.All(context.Quantized, q => Assert.Equal("static", q.Mode));
        Assert.All(context.Quantized, q => Assert.Equal(0, q.Axis));
        Assert.All(context.Quantized, q => Assert.True(q.MinScale > 0 && q.MinScale <= q.MaxScale));
        float a = pass.Ranges["x"].Threshold;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"[{-a:G6}, {a:G6}]"), context.Quantized[0].ActivationRange);
        Assert.Contains(context.Changes, c => c.Pass == "quantize-static" && c.Description.Contains("QuantizeLinear", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(QuantizationMode.None)]
    [InlineData(QuantizationMode.Dynamic)]
    public void OtherModesLeaveTheModelAlone(QuantizationMode mode)
    {
        using var model = StaticModels.Cnn();
        byte[] before = model.ToByteArray();

        var context = StaticRun.Quantize(model, StaticRun.Options(null, mode: mode));

        Assert.Equal(before, model.ToByteArray());
        Assert.Empty(context.Quantized);
    }

    [Fact]
    public void ExcludedAndKeepFloatWeightsStayFloat()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var pass = new StaticQuantizationPass();
        StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder), exclude: ["conv2*"], keepFloat: new HashSet<string> { "fc.weight" }), pass);

        Assert.Equal(DataType.Float, (DataType)model.Graph.FindInitializer("conv2.weight")!.DataType);
        Assert.Equal(DataType.Float, (DataType)model.Graph.FindInitializer("fc.weight")!.DataType);
        Assert.NotNull(model.Graph.FindInitializer("conv1.weight_quantized"));
        Assert.Equal(["conv2.weight", "fc.weight"], pass.Skipped.Select(s => s.Weight));
        Assert.Contains("conv2*", pass.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.Equal("Conv", model.Graph.Producer("c2")!.OpType); // the float Conv reads the dequantized Relu output
    }

    [Fact]
    public void AGraphOutputWrittenByAQuantizedConvKeepsItsName()
    {
        using var folder = new TempFolder();
        var b = new SparseCompile.Testing.OnnxBuilder(13, seed: 8);
        b.Input("x", DataType.Float, 2, 4, 8, 8);
        b.RandomInitializer("w", [8, 4, 3, 3], 0.3f);
        b.Node("Conv", ["x", "w"], "y", SparseCompile.Testing.OnnxBuilder.IntsAttr("pads", 1, 1, 1, 1));
        b.Output("y", DataType.Float, 2, 8, 8, 8);
        var inputs = StaticModels.CnnInputs(2, seed: 9);
        using (var model = b.BuildModel())
        {
            model.Save(folder.File("float.onnx"));
            StaticRun.Quantize(model, StaticRun.Options(CalibrationFolder.Write(folder.File("calibration"), "x", [2, 4, 8, 8], inputs)));
            Assert.Equal("DequantizeLinear", model.Graph.Producer("y")!.OpType);
            model.Save(folder.File("int8.onnx"));
        }

        var expected = OrtOutputs.Run(folder.File("float.onnx"), "x", [2, 4, 8, 8], inputs);
        var actual = OrtOutputs.Run(folder.File("int8.onnx"), "x", [2, 4, 8, 8], inputs);
        Assert.True(expected[0].Zip(actual[0], (e, q) => Math.Abs(e - q)).Max() < 0.05 * expected[0].Max(Math.Abs));
    }

    [Fact]
    public void TheCalibrationFilesReadAreHashedForTheManifest()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();

        var context = StaticRun.Quantize(model, StaticRun.Options(CnnCalibration(folder, samples: 3), maxSamples: 2));

        var files = context.InputFiles.Where(f => f.Role == "calibration").ToArray();
        Assert.Equal(["test_data_set_0/input_0.pb", "test_data_set_1/input_0.pb"], files.Select(f => f.Name));
        Assert.All(files, f => Assert.Equal(64, f.Sha256.Length));
    }

    internal static string CnnCalibration(TempFolder folder, int samples = 3) =>
        CalibrationFolder.Write(folder.File("calibration"), "x", [2, 4, 8, 8], StaticModels.CnnInputs(samples, seed: 11));

    private static NodeProto Dequantizer(OnnxModel model, string constant) =>
        model.Proto.Graph.Node.Single(n => n.OpType == "DequantizeLinear" && n.Input[0] == constant);

    private static void AssertInt8Weight(OnnxModel model, string weight, float[] floats, long[] dims, int axis)
    {
        Assert.Null(model.Graph.FindInitializer(weight));
        var tensor = model.Graph.FindInitializer(weight + "_quantized")!;
        Assert.Equal(DataType.Int8, (DataType)tensor.DataType);
        Assert.Equal(dims, tensor.Dims.ToArray());
        var dq = Dequantizer(model, weight + "_quantized");
        Assert.Equal(axis, dq.Attribute.Single(a => a.Name == "axis").I);
        var scales = model.ReadInitializer(dq.Input[1]).AsSpan<float>().ToArray();
        Assert.Equal(dims[axis], scales.Length);
        Assert.All(model.ReadInitializer(dq.Input[2]).AsSpan<sbyte>().ToArray(), z => Assert.Equal(0, z));
        var values = model.ReadTensor(tensor).AsSpan<sbyte>().ToArray();
        long inner = dims.Skip(axis + 1).Aggregate(1L, (p, d) => p * d);
        for (int i = 0; i < values.Length; i++)
        {
            float scale = scales[(i / inner) % dims[axis]];
            Assert.InRange(values[i], -127, 127);
            Assert.InRange(Math.Abs((values[i] * scale) - floats[i]), 0, (scale / 2) * 1.0001);
        }

        Assert.All(Enumerable.Range(0, scales.Length), c => Assert.Contains(values.Where((_, i) => (i / inner) % dims[axis] == c), v => Math.Abs((int)v) == 127));
    }
}
