using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Quantization;

public class SymmetricInt8Tests
{
    [Fact]
    public void ScaleMapsTheLargestMagnitudeTo127()
    {
        Assert.Equal((float)(2.0 / 127), SymmetricInt8.Scale(2f));
        Assert.Equal(127, SymmetricInt8.Quantize(2f, SymmetricInt8.Scale(2f)));
        Assert.Equal(-127, SymmetricInt8.Quantize(-2f, SymmetricInt8.Scale(2f)));
    }

    [Fact]
    public void AllZeroChannelGetsScaleOneAndUnderflowGetsTheSmallestPositiveFloat()
    {
        Assert.Equal(1f, SymmetricInt8.Scale(0f));
        Assert.Equal(float.Epsilon, SymmetricInt8.Scale(float.Epsilon));
        Assert.True(SymmetricInt8.Scale(1e-43f) > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInt8.Scale(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInt8.Scale(float.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricInt8.Scale(-1f));
    }

    [Theory]
    [InlineData(0.5f, 0)]
    [InlineData(1.5f, 2)]
    [InlineData(2.5f, 2)]
    [InlineData(-0.5f, 0)]
    [InlineData(-1.5f, -2)]
    [InlineData(-2.5f, -2)]
    [InlineData(126.5f, 126)]
    [InlineData(500f, 127)]
    [InlineData(-500f, -127)]
    public void RoundsHalfToEvenAndClampsToPlusMinus127(float value, int expected) =>
        Assert.Equal(expected, SymmetricInt8.Quantize(value, 1f));

    [Fact]
    public void ZeroOfEitherSignQuantizesToZero()
    {
        Assert.Equal(0, SymmetricInt8.Quantize(0f, 0.01f));
        Assert.Equal(0, SymmetricInt8.Quantize(-0f, 0.01f));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteWeightsAreRejectedNamingTheTensor(float bad)
    {
        float[] values = [1f, 2f, bad, 0f];
        var error = Assert.Throws<SparseCompileException>(() => PerChannelQuantizer.Quantize(values, [2, 2], 1, "encoder.weight", "m.onnx"));
        Assert.Equal(QuantizationDiagnosticCodes.NonFiniteWeight, error.Code);
        Assert.Equal("encoder.weight", error.Subject);
        Assert.Contains("encoder.weight", error.Message, StringComparison.Ordinal);
        Assert.Equal("m.onnx", error.FilePath);
    }

    [Fact]
    public void EachChannelGetsItsOwnScale()
    {
        // [K = 3, N = 2], channels along axis 1: column 0 reaches 127 (scale 1), column 1 reaches 254 (scale 2); ties go to even.
        float[] values = [127f, 254f, -63.5f, 5f, 1.5f, -3f];
        var q = PerChannelQuantizer.Quantize(values, [3, 2], 1, "w");
        Assert.Equal([1f, 2f], q.Scales);
        Assert.Equal(new sbyte[] { 127, 127, -64, 2, 2, -2 }, q.Values);
        Assert.Equal(1, q.Axis);

        // Rows along axis 0: an all-zero row gets scale 1.
        var rows = PerChannelQuantizer.Quantize([0f, 0f, 127f, -254f], [2, 2], 0, "t");
        Assert.Equal([1f, 2f], rows.Scales);
        Assert.Equal(new sbyte[] { 0, 0, 64, -127 }, rows.Values);
    }
}
