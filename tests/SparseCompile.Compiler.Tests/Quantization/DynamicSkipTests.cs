using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>What stays float, and the bad inputs the pass refuses.</summary>
public class DynamicSkipTests
{
    [Fact]
    public void OtherModesLeaveTheModelUntouched()
    {
        using var model = QuantModels.Mlp();
        byte[] before = model.ToByteArray();
        var pass = new DynamicQuantizationPass();
        var context = DynamicRun.Quantize(model, pass: pass, mode: QuantizationMode.None);
        Assert.Equal(before, model.ToByteArray());
        Assert.Empty(context.Quantized);

        DynamicRun.Quantize(model, mode: QuantizationMode.Static);
        Assert.Equal(before, model.ToByteArray());
    }

    [Theory]
    [InlineData("fc2.*")]
    [InlineData("gemm_*")]
    public void ExcludedWeightsAndNodesStayFloat(string glob)
    {
        using var model = QuantModels.Mlp();
        var pass = new DynamicQuantizationPass();
        var context = DynamicRun.Quantize(model, exclude: [glob], pass: pass);

        Assert.Equal(["fc1.weight"], context.Quantized.Select(q => q.Weight));
        Assert.Contains(model.Proto.Graph.Node, n => n.OpType == "Gemm" && n.Input[1] == "fc2.weight");
        var skip = Assert.Single(pass.Skipped);
        Assert.Equal(("fc2.weight", "Gemm"), (skip.Weight, skip.OpType));
        Assert.Contains(glob, skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsThatCannotOrNeedNotBeQuantizedStayFloat()
    {
        var b = new OnnxBuilder(13) { IrVersion = 7 };
        string x = b.Input("x", DataType.Float, 4, 32);
        string small = b.MatMul(x, 32, 4, "small");                      // 128 elements
        string other = b.MatMul(x, 32, 32, "shared_with_add");
        string added = b.Add(other, "shared_with_add");                     // also read by Add
        b.Input("overridable", DataType.Float, 32, 32);
        b.RandomInitializer("overridable", [32, 32]);
        string over = b.Node("MatMul", [added, "overridable"]);
        string transA = b.Node("Gemm", [b.Node("Transpose", [over]), b.RandomInitializer("trans_a", [32, 32])], null, OnnxBuilder.IntAttr("transA", 1));
        b.RandomInitializer("table", [32, 32]);
        string gathered = b.Node("Gather", ["table", b.Input("ids", DataType.Int64, 4)], null, OnnxBuilder.IntAttr("axis", 1));
        string constant = b.Node("MatMul", [b.RandomInitializer("lhs", [4, 32]), b.RandomInitializer("rhs", [32, 32])]);
        b.Output(small, DataType.Float, 4, 4);
        b.Output(transA, DataType.Float, 4, 32);
        b.Output(gathered, DataType.Float, 32, 4);
        b.Output(constant, DataType.Float, 4, 32);
        using var model = b.BuildModel();
        var pass = new DynamicQuantizationPass();

        var context = DynamicRun.Quantize(model, pass: pass);

        Assert.Empty(context.Quantized);
        var reasons = pass.Skipped.ToDictionary(s => s.Weight, s => s.Reason);
        Assert.Contains("fewer than the 256", reasons["small"], StringComparison.Ordinal);
        Assert.Contains("also read by something other", reasons["shared_with_add"], StringComparison.Ordinal);
        Assert.Contains("graph input", reasons["overridable"], StringComparison.Ordinal);
        Assert.Contains("transA", reasons["trans_a"], StringComparison.Ordinal);
        Assert.Contains("axis 1", reasons["table"], StringComparison.Ordinal);
        Assert.Contains("constant too", reasons["rhs"], StringComparison.Ordinal);
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType is "MatMulInteger" or "DynamicQuantizeLinear");
    }

    [Fact]
    public void NonFloatWeightsStayAsTheyAre()
    {
        var b = new OnnxBuilder(13);
        string x = b.Input("x", DataType.Double, 4, 32);
        b.Initializer("w", [32, 32], new double[32 * 32]);
        b.Return(b.Node("MatMul", [x, "w"]), "y", DataType.Double, 4, 32);
        using var model = b.BuildModel();
        var pass = new DynamicQuantizationPass();

        DynamicRun.Quantize(model, pass: pass);

        Assert.Contains("DOUBLE is not FLOAT", Assert.Single(pass.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OpsetsBelow13AreRefusedWhenThereIsSomethingToQuantize()
    {
        using var old = QuantModels.Mlp(opset: 12);
        var error = Assert.Throws<SparseCompileException>(() => DynamicRun.Quantize(old));
        Assert.Equal(QuantizationDiagnosticCodes.OpsetTooOld, error.Code);
        Assert.Contains("opset 12", error.Message, StringComparison.Ordinal);
        Assert.Equal("model.onnx", error.FilePath);

        var b = new OnnxBuilder(11);
        string x = b.Input("x", DataType.Float, 1, 4);
        b.Return(b.Relu(x), "y", DataType.Float, 1, 4);
        using var nothingToDo = b.BuildModel();
        Assert.Empty(DynamicRun.Quantize(nothingToDo).Quantized);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteWeightsStayFloatWithAWarningAndNoScaleIsNaN(float bad)
    {
        using var model = QuantModels.Mlp();
        var tensor = model.Graph.FindInitializer("fc2.weight")!;
        var values = model.ReadTensor(tensor).ToSingleArray();
        values[17] = bad;
        model.Proto.Graph.Initializer[model.Proto.Graph.Initializer.IndexOf(tensor)] = Onnx.Tensors.TensorFactory.Create<float>("fc2.weight", [32, 48], values);
        model.RefreshGraph();
        var pass = new DynamicQuantizationPass();

        var context = DynamicRun.Quantize(model, pass: pass);

        Assert.Equal(["fc1.weight"], context.Quantized.Select(q => q.Weight));
        var skip = Assert.Single(pass.Skipped);
        Assert.Equal("fc2.weight", skip.Weight);
        Assert.Contains("NaN or infinite", skip.Reason, StringComparison.Ordinal);
        var warning = Assert.Single(context.Diagnostics, d => d.Code == CompileDiagnosticCodes.NonFiniteWeightKeptFloat);
        Assert.Equal("fc2.weight", warning.Subject);
        Assert.Contains("stays in float", warning.Message, StringComparison.Ordinal);
        var kept = model.ReadInitializer("fc2.weight").ToSingleArray();
        Assert.Equal(bad, kept[17]);
        AssertScalesFiniteAndPositive(model);
    }

    /// <summary>Every scale initializer of <paramref name="model"/> is finite and positive.</summary>
    internal static void AssertScalesFiniteAndPositive(OnnxModel model)
    {
        var scales = model.Proto.Graph.Initializer.Where(t => t.Name.Contains("scale", StringComparison.OrdinalIgnoreCase)).ToArray();
        foreach (var scale in scales)
        {
            Assert.Equal((int)DataType.Float, scale.DataType);
            Assert.All(model.ReadTensor(scale).ToSingleArray(), v => Assert.True(float.IsFinite(v) && v > 0, $"{scale.Name} holds {v}"));
        }
    }

    [Fact]
    public void PlannerListsCandidatesInGraphOrder()
    {
        using var model = OnnxModel.FromProto(QuantModels.Mlp().Proto);
        var plan = DynamicQuantizationPlanner.Plan(model, []);
        Assert.Equal(["fc1.weight", "fc2.weight"], plan.Candidates.Select(c => c.Weight.Name));
        Assert.Equal([false, true], plan.Candidates.Select(c => c.TransposeB));
        Assert.Empty(plan.Skipped);
    }
}
