using SparseCompile.Compiler.Preparation;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using Xunit.Abstractions;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Preparation;

/// <summary>
/// Folded models run like the originals up to float rounding. Tolerance: the fold rounds each scaled weight once
/// (relative error ≤ 2⁻²⁴) and moves the shift into the bias, so outputs differ by a few ulps of the accumulated
/// magnitudes; we allow max |diff| ≤ 1e-5 · max |output|, well above that and far below any real change.
/// </summary>
public class FoldBatchNormTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(4, false)] // depthwise
    public void ConvBatchNormFoldsAndRunsTheSame(long group, bool bias)
    {
        var builder = FoldModels.ConvBatchNormRelu(group, bias);
        var inputs = PreparationHarness.Input("x", FoldModels.Image);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();
        string weight = model.Proto.Graph.Node[0].Input[1];
        int initializers = model.Proto.Graph.Initializer.Count;

        var result = FoldBatchNormPass.Fold(model);

        var fold = Assert.Single(result.Folded);
        Assert.Empty(result.Kept);
        Assert.Equal(("Conv", weight, !bias, 8L), (fold.TargetOpType, fold.Weight, fold.BiasCreated, fold.Channels));
        Assert.Equal(bias ? "conv_b_0" : "stem_bias", fold.Bias);
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType == "BatchNormalization");
        var conv = Assert.Single(model.Proto.Graph.Node, n => n.OpType == "Conv");
        Assert.Equal([model.Proto.Graph.Node[0].Input[0], weight, fold.Bias], conv.Input);
        Assert.Equal(initializers - 4 + (bias ? 0 : 1), model.Proto.Graph.Initializer.Count); // BN parameters gone
        Report($"Conv group {group} bias {bias}", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(true, 0.5f)]
    public void GemmBatchNormFoldsIntoTheOutputDimension(bool transB, float? beta)
    {
        var builder = FoldModels.GemmBatchNorm(transB, beta);
        var inputs = PreparationHarness.Input("x", [3, 16]);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();

        var fold = Assert.Single(FoldBatchNormPass.Fold(model).Folded);

        Assert.Equal(("Gemm", "fc.weight", false), (fold.TargetOpType, fold.Weight, fold.BiasCreated));
        var gemm = Assert.Single(model.Proto.Graph.Node);
        Assert.DoesNotContain(gemm.Attribute, a => a.Name == "beta");
        Report($"Gemm transB {transB} beta {beta}", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    [Fact]
    public void GemmWithASingleValueBiasGetsOneValuePerChannel()
    {
        var builder = new OnnxBuilder(seed: 6);
        string x = builder.Input("x", DataType.Float, 3, 16);
        string w = builder.RandomInitializer("fc.weight", [16, 6], 0.25f);
        string c = builder.Initializer("fc.bias", [1], new[] { 0.7f });
        builder.Return(builder.BatchNorm(builder.Node("Gemm", [x, w, c]), 6), "y", DataType.Float, 3, 6);
        var inputs = PreparationHarness.Input("x", [3, 16]);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();

        var fold = Assert.Single(FoldBatchNormPass.Fold(model).Folded);

        Assert.Equal(("fc.bias", false), (fold.Bias, fold.BiasCreated));
        Assert.Equal([6L], model.Graph.FindInitializer("fc.bias")!.Dims);
        Report("Gemm scalar C", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    [Fact]
    public void NewBiasesFollowTheWeightsNameAndNeverCollide()
    {
        var graph = new Onnx.Protos.GraphProto();
        graph.Initializer.Add(Onnx.Tensors.TensorFactory.Create<float>("conv1.bias", [1], [0f]));
        var names = new Compiler.Preparation.Folding.UniqueNames(graph);

        Assert.Equal("conv2.bias", names.BiasFor("conv2.weight"));
        Assert.Equal("conv1.bias_1", names.BiasFor("conv1.weight"));
        Assert.Equal("Parameter91_bias", names.BiasFor("Parameter91"));
        Assert.Equal("Parameter91_bias_1", names.BiasFor("Parameter91"));
    }

    [Fact]
    public void MatMulBatchNormBecomesMatMulAndAdd()
    {
        var builder = FoldModels.MatMulBatchNorm();
        var inputs = PreparationHarness.Input("x", [3, 16]);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();
        string batchNorm = model.Proto.Graph.Node[1].Name;

        var fold = Assert.Single(FoldBatchNormPass.Fold(model).Folded);

        Assert.Equal(("MatMul", "proj", "proj_bias", true), (fold.TargetOpType, fold.Weight, fold.Bias, fold.BiasCreated));
        Assert.Equal(["MatMul", "Add"], model.Proto.Graph.Node.Select(n => n.OpType));
        Assert.Equal(batchNorm, model.Proto.Graph.Node[1].Name);
        Report("MatMul", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    [Fact]
    public void MatMulWithA3DOutputIsNotFolded()
    {
        using var model = FoldModels.MatMulBatchNorm(2L, 3L, 16L).BuildModel();

        var result = FoldBatchNormPass.Fold(model);

        Assert.Empty(result.Folded);
        Assert.Contains("2-D", Assert.Single(result.Kept).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvWhoseOutputIsAlsoReadElsewhereIsNotFolded()
    {
        var builder = new OnnxBuilder();
        string x = builder.Input("x", DataType.Float, 2, 4, 6, 6);
        string conv = builder.Conv(x, 4, 8);
        builder.Return(builder.BatchNorm(conv, 8), "y", DataType.Float, 2, 8, 6, 6);
        builder.Return(builder.Relu(conv), "side", DataType.Float, 2, 8, 6, 6);
        using var model = builder.BuildModel();
        var original = model.Proto.Clone();

        var result = FoldBatchNormPass.Fold(model);

        Assert.Empty(result.Folded);
        Assert.Contains("also read elsewhere", Assert.Single(result.Kept).Reason, StringComparison.Ordinal);
        Assert.Equal(original, model.Proto);
    }

    [Fact]
    public void ConvOutputThatIsAGraphOutputIsNotFolded()
    {
        var builder = new OnnxBuilder();
        string x = builder.Input("x", DataType.Float, 2, 4, 6, 6);
        string conv = builder.Conv(x, 4, 8);
        builder.Return(builder.BatchNorm(conv, 8), "y", DataType.Float, 2, 8, 6, 6);
        builder.Output(conv, DataType.Float, 2, 8, 6, 6);
        using var model = builder.BuildModel();

        Assert.Empty(FoldBatchNormPass.Fold(model).Folded);
    }

    [Fact]
    public void BatchNormWithARuntimeScaleIsNotFolded()
    {
        var builder = new OnnxBuilder();
        string x = builder.Input("x", DataType.Float, 2, 4, 6, 6);
        string scale = builder.Input("scale", DataType.Float, 8);
        string bn = builder.BatchNorm(builder.Conv(x, 4, 8), 8);
        builder.Graph.Node.Last().Input[1] = scale;
        builder.Return(bn, "y", DataType.Float, 2, 8, 6, 6);
        using var model = builder.BuildModel();
        var original = model.Proto.Clone();

        var result = FoldBatchNormPass.Fold(model);

        Assert.Empty(result.Folded);
        Assert.Contains("'scale' is not a constant initializer", Assert.Single(result.Kept).Reason, StringComparison.Ordinal);
        Assert.Equal(original, model.Proto);
    }

    [Fact]
    public void OverridableParametersAreNotConstants()
    {
        var builder = FoldModels.ConvBatchNormRelu();
        builder.IrVersion = 7;
        var proto = builder.Build();
        string mean = proto.Graph.Node[1].Input[3];
        proto.Graph.Input.Add(new Onnx.Protos.ValueInfoProto { Name = mean, Type = proto.Graph.Input[0].Type.Clone() });
        using var model = OnnxModel.FromProto(proto);

        Assert.Empty(FoldBatchNormPass.Fold(model).Folded);
    }

    [Fact]
    public void MaskZerosStayZeroAndTheWeightKeepsItsName()
    {
        var builder = FoldModels.ConvBatchNormRelu();
        var weight = builder.Graph.Initializer.Single(t => t.Name == "layer.weight");
        float[] values = weight.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray()
            : [.. weight.FloatData];
        var random = new Random(11);
        for (int i = 0; i < values.Length; i++)
        {
            if (i < 36 || random.NextDouble() < 0.5)
            {
                values[i] = 0; // all of output channel 0, then half of the rest
            }
        }

        builder.Graph.Initializer[builder.Graph.Initializer.IndexOf(weight)] = Onnx.Tensors.TensorFactory.Create<float>("layer.weight", [8, 4, 3, 3], values);
        using var model = builder.BuildModel();

        FoldBatchNormPass.Fold(model);

        float[] folded = model.ReadInitializer("layer.weight").ToSingleArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] == 0, folded[i] == 0);
        }
    }

    [Fact]
    public void ChainedBatchNormsFoldOneAfterTheOther()
    {
        var builder = new OnnxBuilder(seed: 9);
        string x = builder.Input("x", DataType.Float, 2, 4, 6, 6);
        string twice = builder.BatchNorm(builder.BatchNorm(builder.Conv(x, 4, 8), 8), 8);
        builder.Return(twice, "y", DataType.Float, 2, 8, 6, 6);
        var inputs = PreparationHarness.Input("x", FoldModels.Image);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();

        var result = FoldBatchNormPass.Fold(model);

        Assert.Equal(2, result.Folded.Count);
        Assert.Equal(["Conv"], model.Proto.Graph.Node.Select(n => n.OpType));
        Report("Conv BN BN", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    [Fact]
    public void Ir3ModelsKeepListingTheirInitializersAsInputs()
    {
        var builder = new OnnxBuilder(opset: 8, seed: 5);
        string x = builder.Input("x", DataType.Float, 2, 4, 6, 6);
        string w = builder.RandomInitializer("w", [8, 4, 3, 3], 0.3f);
        string conv = builder.Node("Conv", [x, w], null, OnnxBuilder.IntsAttr("kernel_shape", 3, 3));
        builder.Return(builder.BatchNorm(conv, 8), "y", DataType.Float, 2, 8, 4, 4);
        var inputs = PreparationHarness.Input("x", FoldModels.Image);
        var before = PreparationHarness.Run(builder.Build(), inputs);
        using var model = builder.BuildModel();

        Assert.Single(FoldBatchNormPass.Fold(model).Folded);

        Assert.Equal(["x", "w", "w_bias"], model.Proto.Graph.Input.Select(i => i.Name));
        Report("IR 3 Conv", PreparationHarness.AssertClose(before, PreparationHarness.Run(model, inputs), Tolerance));
    }

    private void Report(string what, double ratio) =>
        output.WriteLine($"{what}: max |diff| / max |output| = {ratio:G3}");
}
