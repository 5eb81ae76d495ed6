using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Calibration;

/// <summary>Calibration runs the model in ONNX Runtime with intermediate tensors exposed, one sample at a time.</summary>
public class ActivationCalibratorTests
{
    [Fact]
    public void MinMaxRangesOfInputsAndIntermediatesMatchADirectComputation()
    {
        using var model = Model(out float[] weight);
        var samples = Samples(4, seed: 2);
        using var session = CalibrationSession.Open(model, ["x", "h", "r"], "test");

        var ranges = ActivationCalibrator.Calibrate(session, samples, ["x", "h", "r"], CalibrationMethod.MinMax, 99.99);

        var x = samples.SelectMany(s => s.Find("x")!.AsSpan<float>().ToArray()).ToArray();
        var h = samples.SelectMany(s => MatMul(s.Find("x")!.AsSpan<float>().ToArray(), weight)).ToArray();
        Assert.Equal((x.Min(), x.Max()), (ranges["x"].ObservedMin, ranges["x"].ObservedMax));
        Assert.Equal(h.Min(), ranges["h"].ObservedMin, 1e-4);
        Assert.Equal(h.Max(), ranges["h"].ObservedMax, 1e-4);
        Assert.Equal(0f, ranges["r"].ObservedMin);
        Assert.Equal(h.Max(), ranges["r"].Threshold, 1e-4);
        Assert.Equal(samples.Count * 2 * 4, ranges["r"].Count);
    }

    [Fact]
    public void TheModelBeingCalibratedIsNotChanged()
    {
        using var model = Model(out _);
        byte[] before = model.ToByteArray();
        using (var session = CalibrationSession.Open(model, ["h", "r"], "test"))
        {
            ActivationCalibrator.Calibrate(session, Samples(1, seed: 3), ["h"], CalibrationMethod.Entropy, 99.99);
        }

        Assert.Equal(before, model.ToByteArray());
    }

    [Fact]
    public void TensorsThatAreNotFloatAreLeftOut()
    {
        using var model = Model(out _, withShape: true);
        using var session = CalibrationSession.Open(model, ["h", "shape"], "test");

        Assert.True(session.IsFloat("h"));
        Assert.False(session.IsFloat("shape"));
        var ranges = ActivationCalibrator.Calibrate(session, Samples(2, seed: 4), ["h", "shape"], CalibrationMethod.Percentile, 99.9);
        Assert.Equal(["h"], ranges.Keys);
    }

    [Fact]
    public void NoSamplesIsAnError()
    {
        using var model = Model(out _);
        using var session = CalibrationSession.Open(model, ["h"], "test");

        var error = Assert.Throws<SparseCompileException>(() => ActivationCalibrator.Calibrate(session, [], ["h"], CalibrationMethod.MinMax, 99.99));
        Assert.Equal("SC1183", error.Code);
    }

    [Fact]
    public void AnUnknownTensorFailsToLoadWithTheCalibrationCode()
    {
        using var model = Model(out _);

        var error = Assert.Throws<SparseCompileException>(() => CalibrationSession.Open(model, ["no_such_tensor"], "model.onnx"));
        Assert.Equal("SC1182", error.Code);
        Assert.Contains("model.onnx", error.Message + error.FilePath, StringComparison.Ordinal);
    }

    /// <summary>x [2, 8] → MatMul [8, 4] → h → Relu → r (and optionally Shape(x) → shape, int64).</summary>
    private static OnnxModel Model(out float[] weight, bool withShape = false)
    {
        var b = new OnnxBuilder(13, seed: 1);
        b.Input("x", DataType.Float, 2, 8);
        weight = b.RandomValues(32, 1f);
        b.Initializer("w", [8, 4], weight);
        b.Node("MatMul", ["x", "w"], "h");
        b.Node("Relu", ["h"], "r");
        b.Output("r", DataType.Float, 2, 4);
        if (withShape)
        {
            b.Node("Shape", ["x"], "shape");
            b.Output("shape", DataType.Int64, 2);
        }

        return b.BuildModel();
    }

    private static List<InputSample> Samples(int count, int seed)
    {
        var b = new OnnxBuilder(seed: seed);
        return Enumerable.Range(0, count)
            .Select(i => new InputSample($"sample {i}", [SampleTensor.Create("x", [2, 8], b.RandomValues(16, 3f))]))
            .ToList();
    }

    private static float[] MatMul(float[] x, float[] w)
    {
        var y = new float[8];
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                double sum = 0;
                for (int k = 0; k < 8; k++)
                {
                    sum += x[(r * 8) + k] * w[(k * 4) + c];
                }

                y[(r * 4) + c] = (float)sum;
            }
        }

        return y;
    }
}
