using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>The checks that quantization kept sparsity fire on broken INT8 values, directly and inside the pass.</summary>
public class SparsityGuardTests
{
    [Fact]
    public void ANonNMInt8ArrayIsCaughtNamingTheWeight()
    {
        // [K = 8, N = 2], 2:4 along K: column 0's first group (1, 6, 2, 0) has three nonzeros.
        sbyte[] values = [1, 0, 6, 5, 2, 7, 0, 0, 0, 1, 0, 0, 3, 0, 4, 0];
        Assert.Equal(1, SparsityGuard.CountViolatingGroups(values, [8, 2], 0, NMPattern.TwoFour, out long groups));
        Assert.Equal(4, groups);

        var error = Assert.Throws<SparseCompileException>(() => SparsityGuard.EnsureNMKept(values, [8, 2], 0, NMPattern.TwoFour, "layer.weight", "m.onnx"));
        Assert.Equal(QuantizationDiagnosticCodes.SparsityLostAfterQuantization, error.Code);
        Assert.Equal("layer.weight", error.Subject);
        Assert.Contains("1 of its 4 groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARevivedZeroIsCaught()
    {
        var error = Assert.Throws<SparseCompileException>(() => SparsityGuard.EnsureZerosKept([1f, 0f, -0f], [3, 0, 1], "w"));
        Assert.Equal(QuantizationDiagnosticCodes.ZeroNotPreserved, error.Code);
        Assert.Contains("element 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenQuantizerInsideThePassIsCaughtBeforeAnythingIsWritten()
    {
        using var model = QuantModels.Mlp();
        byte[] before = model.ToByteArray();
        var broken = new DynamicQuantizationPass(q => q with { Values = q.Values.Select(v => v == 0 ? (sbyte)1 : v).ToArray() });

        var error = Assert.Throws<SparseCompileException>(() => DynamicRun.Quantize(model, NMPattern.TwoFour, pass: broken));

        Assert.Equal(QuantizationDiagnosticCodes.SparsityLostAfterQuantization, error.Code);
        Assert.Equal("fc1.weight", error.Subject);
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType == "MatMulInteger");
        Assert.NotEqual(before, model.ToByteArray()); // sparsify ran; quantization wrote nothing
    }

    [Fact]
    public void ABrokenQuantizerOnADenseWeightIsCaughtByTheZeroCheck()
    {
        using var model = QuantModels.Mlp();
        var broken = new DynamicQuantizationPass(q => q with { Values = q.Values.Select(_ => (sbyte)1).ToArray() });
        var values = model.ReadInitializer("fc1.weight").ToSingleArray();
        values[3] = 0f;
        var tensor = model.Graph.FindInitializer("fc1.weight")!;
        model.Proto.Graph.Initializer[model.Proto.Graph.Initializer.IndexOf(tensor)] = Onnx.Tensors.TensorFactory.Create<float>("fc1.weight", [64, 48], values);
        model.RefreshGraph();

        var error = Assert.Throws<SparseCompileException>(() => DynamicRun.Quantize(model, pass: broken));

        Assert.Equal(QuantizationDiagnosticCodes.ZeroNotPreserved, error.Code);
        Assert.Equal("fc1.weight", error.Subject);
    }

    [Fact]
    public void SparsifiedWeightsStay24InInt8()
    {
        using var model = QuantModels.Mlp();
        var context = DynamicRun.Quantize(model, NMPattern.TwoFour);

        Assert.Equal(2, context.Quantized.Count);
        foreach (string name in new[] { "fc1.weight_quantized", "fc2.weight_quantized" })
        {
            var data = model.ReadInitializer(name);
            var values = data.AsSpan<sbyte>().ToArray().Select(v => (float)v).ToArray();
            CompileAssertions.AssertNM(values, data.Dims, 0, 2, 4);
            Assert.InRange(values.Count(v => v == 0) / (double)values.Length, 0.5, 0.6);
        }
    }
}
