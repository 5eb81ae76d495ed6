using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Analysis;

public class PrunableWeightFinderTests
{
    [Fact]
    public void MatMulWeightReducesOverK()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, "batch", 16);
        b.Return(b.MatMul(x, 16, 8, "w"), "y", DataType.Float, "batch", 8);
        var weight = Assert.Single(Find(b));
        Assert.Equal("w", weight.Name);
        Assert.Equal(DataType.Float, weight.ElementType);
        Assert.Equal([16L, 8], weight.Dims);
        Assert.Equal(0, weight.ReductionAxis);
        Assert.Equal(16, weight.ReductionLength);
        Assert.Equal(128, weight.ElementCount);
        Assert.Equal("MatMul", weight.OpType);
        var use = Assert.Single(weight.Uses);
        Assert.Equal(1, use.InputIndex);
        Assert.Equal(0, use.NodeIndex);
        Assert.False(weight.HasOtherConsumers);
        Assert.False(weight.HasConflictingAxes);
        Assert.False(weight.IsOverridableInput);
    }

    [Fact]
    public void BatchedMatMulWeightOfRankThreeReducesOverAxisOne()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 2, 5, 16);
        string w = b.RandomInitializer("w", [2, 16, 8]);
        b.Return(b.Node("MatMul", [x, w]), "y", DataType.Float, 2, 5, 8);
        var weight = Assert.Single(Find(b));
        Assert.Equal(1, weight.ReductionAxis);
        Assert.Equal(16, weight.ReductionLength);
    }

    [Fact]
    public void GemmWeightReducesOverAxisZeroOrOneWhenTransposed()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 4, 16);
        string h = b.Gemm(x, 16, 8, transB: false, weightName: "plain");
        b.Return(b.Gemm(h, 8, 12, transB: true, weightName: "transposed"), "y", DataType.Float, 4, 12);
        var weights = Find(b);
        Assert.Equal(["plain", "transposed"], weights.Select(w => w.Name));
        Assert.Equal(0, weights[0].ReductionAxis);
        Assert.Equal(16, weights[0].ReductionLength);
        Assert.Equal([12L, 8], weights[1].Dims);
        Assert.Equal(1, weights[1].ReductionAxis);
        Assert.Equal(8, weights[1].ReductionLength);
        Assert.All(weights, w => Assert.Equal("Gemm", w.OpType));
    }

    [Fact]
    public void GemmWithTransBZeroAttributeIsNotTransposed()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 4, 16);
        string w = b.RandomInitializer("w", [16, 8]);
        b.Node("Gemm", [x, w], "y", OnnxBuilder.IntAttr("transB", 0), OnnxBuilder.IntAttr("transA", 1));
        Assert.Equal(0, Assert.Single(Find(b)).ReductionAxis);
    }

    [Fact]
    public void ConvWeightReducesOverInputChannelsOfOneGroup()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 1, 8, 6, 6);
        string h = b.Conv(x, 8, 16, kernel: 3, weightName: "dense");
        b.Return(b.Conv(h, 16, 16, kernel: 3, group: 4, weightName: "grouped"), "y", DataType.Float, 1, 16, 6, 6);
        var weights = Find(b);
        Assert.Equal(["dense", "grouped"], weights.Select(w => w.Name));
        Assert.Equal([16L, 8, 3, 3], weights[0].Dims);
        Assert.Equal(1, weights[0].ReductionAxis);
        Assert.Equal([16L, 4, 3, 3], weights[1].Dims);
        Assert.Equal(1, weights[1].ReductionAxis);
        Assert.Equal(4, weights[1].ReductionLength); // C / group
    }

    [Fact]
    public void BiasesAreNotPrunable()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 1, 4, 6, 6);
        string h = b.Conv(x, 4, 8);
        string flat = b.Node("Flatten", [h]);
        b.Return(b.Gemm(flat, 288, 10), "y", DataType.Float, 1, 10);
        var model = b.Build();
        var weights = PrunableWeightFinder.Find(OnnxModel.FromProto(model));
        Assert.Equal(2, weights.Count);
        Assert.DoesNotContain(weights, w => w.Name.Contains("_b_", StringComparison.Ordinal));
        Assert.Equal(4, model.Graph.Initializer.Count);
    }

    [Fact]
    public void InitializerConsumedByTwoNodesIsOneWeightWithTwoUses()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 2, 16);
        string w = b.RandomInitializer("shared", [16, 16]);
        string h = b.Node("MatMul", [x, w]);
        b.Return(b.Node("MatMul", [h, w]), "y", DataType.Float, 2, 16);
        var weight = Assert.Single(Find(b));
        Assert.Equal(2, weight.Uses.Count);
        Assert.Equal([0, 1], weight.Uses.Select(u => u.NodeIndex));
        Assert.All(weight.Uses, u => Assert.Equal(0, u.ReductionAxis));
        Assert.False(weight.HasConflictingAxes);
        Assert.False(weight.HasOtherConsumers);
    }

    [Fact]
    public void SharedWeightWithDifferentAxesIsFlagged()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 2, 16);
        string w = b.RandomInitializer("shared", [16, 16]);
        string h = b.Node("Gemm", [x, w]);
        b.Return(b.Node("Gemm", [h, w], null, OnnxBuilder.IntAttr("transB", 1)), "y", DataType.Float, 2, 16);
        var weight = Assert.Single(Find(b));
        Assert.Equal([0, 1], weight.Uses.Select(u => u.ReductionAxis));
        Assert.Equal(0, weight.ReductionAxis);
        Assert.True(weight.HasConflictingAxes);
    }

    [Fact]
    public void WeightAlsoReadElsewhereIsFlagged()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 16, 16);
        string w = b.RandomInitializer("w", [16, 16]);
        string h = b.Node("MatMul", [x, w]);
        b.Return(b.Add(h, w), "y", DataType.Float, 16, 16);
        var weight = Assert.Single(Find(b));
        Assert.True(weight.HasOtherConsumers);
        Assert.Single(weight.Uses);
    }

    [Fact]
    public void InitializerAsFirstMatMulInputIsNotAWeight()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 16, 4);
        string a = b.RandomInitializer("a", [8, 16]);
        b.Return(b.Node("MatMul", [a, x]), "y", DataType.Float, 8, 4);
        Assert.Empty(Find(b));
    }

    [Fact]
    public void WeightsThatAreNotInitializersAreNotPrunable()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 2, 16);
        string fed = b.Input("fed_weight", DataType.Float, 16, 8);
        string h = b.Node("MatMul", [x, fed]);
        string raw = b.RandomInitializer("raw", [8, 8]);
        string computed = b.Relu(raw);
        string constant = b.Node("Constant", [], "constant_weight",
            new AttributeProto
            {
                Name = "value",
                Type = AttributeProto.Types.AttributeType.Tensor,
                T = Onnx.Tensors.TensorFactory.Create<float>("constant_weight", [8, 8], new float[64]),
            });
        string h2 = b.Node("MatMul", [h, computed]);
        b.Return(b.Node("MatMul", [h2, constant]), "y", DataType.Float, 2, 8);
        Assert.Empty(Find(b));
    }

    [Fact]
    public void WrongRanksAndOtherDomainsAreNotWeights()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 16);
        string vector = b.RandomInitializer("vector", [16]);
        b.Node("MatMul", [x, vector], "dot");
        string x2 = b.Input("x2", DataType.Float, 2, 16);
        string w = b.RandomInitializer("custom", [16, 8]);
        b.Node("MatMul", [x2, w], "custom_out");
        b.Graph.Node[^1].Domain = "com.example";
        string gemm3 = b.RandomInitializer("gemm_rank3", [1, 16, 8]);
        b.Node("Gemm", [x2, gemm3], "gemm_out");
        Assert.Empty(Find(b));
    }

    [Fact]
    public void OrderFollowsTheGraphNotTheInitializerList()
    {
        var b = new OnnxBuilder();
        string x = b.Input("x", DataType.Float, 2, 16);
        b.RandomInitializer("second", [16, 16]);
        b.RandomInitializer("first", [16, 16]);
        string h = b.Node("MatMul", [x, "first"]);
        b.Return(b.Node("MatMul", [h, "second"]), "y", DataType.Float, 2, 16);
        Assert.Equal(["first", "second"], Find(b).Select(w => w.Name));
    }

    [Fact]
    public void InitializersListedAsInputsAreConstantOnIr3AndOverridableLater()
    {
        var old = new OnnxBuilder(opset: 8);
        string x = old.Input("x", DataType.Float, 2, 16);
        old.Return(old.Gemm(x, 16, 8, weightName: "w"), "y", DataType.Float, 2, 8);
        var built = old.Build();
        Assert.Equal(3, built.IrVersion);
        Assert.Contains(built.Graph.Input, i => i.Name == "w");
        Assert.False(Assert.Single(PrunableWeightFinder.Find(OnnxModel.FromProto(built))).IsOverridableInput);

        built.IrVersion = 7;
        Assert.True(Assert.Single(PrunableWeightFinder.Find(OnnxModel.FromProto(built))).IsOverridableInput);
    }

    [Fact]
    public void WeightSlotsDescribeTheThreeOperators()
    {
        Assert.Equal("B", WeightSlots.WeightInputName("MatMul"));
        Assert.Equal("B", WeightSlots.WeightInputName("Gemm"));
        Assert.Equal("W", WeightSlots.WeightInputName("Conv"));
        Assert.Null(WeightSlots.WeightInputName("Add"));
        Assert.Null(WeightSlots.WeightInputIndex("Relu"));
        var conv = new NodeProto { OpType = "Conv" };
        Assert.Equal(1, WeightSlots.ReductionAxis(conv, 1, 3));   // Conv1d [O, C, k]
        Assert.Equal(1, WeightSlots.ReductionAxis(conv, 1, 5));   // Conv3d
        Assert.Null(WeightSlots.ReductionAxis(conv, 1, 2));
        Assert.Null(WeightSlots.ReductionAxis(conv, 2, 1));       // bias
        Assert.Equal(3, WeightSlots.ReductionAxis(new NodeProto { OpType = "MatMul", Domain = "ai.onnx" }, 1, 5));
    }

    [Fact]
    public void ResNet18HasTwentyTwoConvWeightsReducedOverChannels()
    {
        using var model = OnnxModel.Load(RealModels.ResNet18Path);
        var weights = PrunableWeightFinder.Find(model);
        Assert.Equal(22, weights.Count);
        Assert.All(weights, w =>
        {
            Assert.Equal("Conv", w.OpType);
            Assert.Equal(4, w.Dims.Count);
            Assert.Equal(1, w.ReductionAxis);
            Assert.False(w.IsOverridableInput);
            Assert.False(w.HasOtherConsumers);
        });
        Assert.Equal([64L, 3, 7, 7], weights[0].Dims); // the stem, first in graph order
    }

    [Fact]
    public void MiniLMHasThirtySixMatMulWeightsAndOneGemm()
    {
        using var model = OnnxModel.Load(RealModels.MiniLMPath);
        var weights = PrunableWeightFinder.Find(model);
        var matmuls = weights.Where(w => w.OpType == "MatMul").ToArray();
        Assert.Equal(36, matmuls.Length);
        Assert.All(matmuls, w =>
        {
            Assert.Equal(2, w.Dims.Count);
            Assert.Equal(0, w.ReductionAxis);
            Assert.Contains(w.Dims[0], new long[] { 384, 1536 });
        });
        var gemm = Assert.Single(weights, w => w.OpType == "Gemm");
        Assert.Equal(1, gemm.ReductionAxis); // the pooler's Gemm has transB = 1
        Assert.Equal(37, weights.Count);
    }

    private static IReadOnlyList<PrunableWeight> Find(OnnxBuilder builder)
    {
        using var model = builder.BuildModel();
        return PrunableWeightFinder.Find(model);
    }
}
