using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Preparation;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Preparation;

public class UpgradeOpsetTests
{
    [Fact]
    public void Opset8ModelRunsIdenticallyAtOpset13()
    {
        var proto = Opset8Models.Vision().Build();
        var inputs = PreparationHarness.Input("x", Opset8Models.VisionInput);
        var before = PreparationHarness.Run(proto, inputs);

        using var model = OnnxModel.FromProto(proto.Clone());
        var result = UpgradeOpsetPass.Upgrade(model);

        Assert.Equal(8, result.FromOpset);
        Assert.Equal(13, result.ToOpset);
        Assert.Equal(3, result.FromIrVersion);
        Assert.Equal(7, result.ToIrVersion);
        Assert.Equal(13, model.OpsetVersion());
        Assert.Equal(7, model.Proto.IrVersion);
        PreparationHarness.AssertIdentical(before, PreparationHarness.Run(model, inputs));
    }

    [Fact]
    public void AttributesThatBecameInputsAreRewrittenAndLegacyOnesDropped()
    {
        using var model = Opset8Models.Vision().BuildModel();
        var result = UpgradeOpsetPass.Upgrade(model);
        var graph = model.Graph;
        NodeProto Single(string op) => Assert.Single(model.Proto.Graph.Node, n => n.OpType == op);
        long[] Values(string name) => model.ReadInitializer(name).AsSpan<long>().ToArray();

        Assert.DoesNotContain(Single("BatchNormalization").Attribute, a => a.Name == "spatial");
        var unsqueeze = Single("Unsqueeze");
        Assert.Empty(unsqueeze.Attribute);
        Assert.Equal([0L], Values(unsqueeze.Input[1]));
        Assert.Equal([0L], Values(Single("Squeeze").Input[1]));
        var clip = Single("Clip");
        Assert.Empty(clip.Attribute);
        Assert.Equal(-0.3f, model.ReadInitializer(clip.Input[1]).AsSpan<float>()[0]);
        Assert.Equal(0.2f, model.ReadInitializer(clip.Input[2]).AsSpan<float>()[0]);
        Assert.Empty(graph.ShapeOf(clip.Input[1]).Dims!); // scalars
        var dropout = Single("Dropout");
        Assert.Equal(0.3f, model.ReadInitializer(dropout.Input[1]).AsSpan<float>()[0]);
        var pad = Single("Pad");
        Assert.Equal([0L, 0, 1, 2, 0, 0, 2, 1], Values(pad.Input[1]));
        Assert.Equal(0.5f, model.ReadInitializer(pad.Input[2]).AsSpan<float>()[0]);
        Assert.Equal(1, Assert.Single(Single("Softmax").Attribute).I);
        Assert.Equal(7, result.InitializersAdded); // axes twice, min, max, ratio, pads, value
    }

    [Fact]
    public void Ir3InitializersStopBeingGraphInputs()
    {
        using var model = Opset8Models.Vision().BuildModel();
        int initializers = model.Proto.Graph.Initializer.Count;
        Assert.Equal(initializers + 1, model.Proto.Graph.Input.Count); // IR 3 lists them all

        var result = UpgradeOpsetPass.Upgrade(model);

        Assert.Equal(initializers, result.InitializerInputsRemoved);
        Assert.Equal(["x"], model.Proto.Graph.Input.Select(i => i.Name));
    }

    [Fact]
    public void SoftmaxOnAnAxisFollowedOnlyByOnesIsTheSameAtOpset13()
    {
        var proto = Opset8Models.Softmax(1, 2, 3, 1, 1).Build();
        var inputs = PreparationHarness.Input("x", [2, 3, 1, 1]);
        var before = PreparationHarness.Run(proto, inputs);
        using var model = OnnxModel.FromProto(proto.Clone());

        UpgradeOpsetPass.Upgrade(model);

        PreparationHarness.AssertIdentical(before, PreparationHarness.Run(model, inputs));
    }

    [Fact]
    public void SoftmaxOnANonLastAxisIsRefused()
    {
        using var model = Opset8Models.Softmax(1, 2, 3, 4).BuildModel();
        var original = model.Proto.Clone();

        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(model));

        Assert.Equal(PreparationDiagnosticCodes.OpsetUpgradeBlocked, error.Code);
        Assert.Contains("blocked by Softmax", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the last axis", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, model.Proto); // untouched
    }

    [Fact]
    public void SoftmaxOfUnknownRankIsRefused()
    {
        var builder = new OnnxBuilder(opset: 8);
        string x = builder.Input("x", DataType.Float, 2, 3, 4);
        string relu = builder.Relu(x);
        builder.Return(builder.Node("Softmax", [relu]), "y", DataType.Float);
        builder.Graph.Output[0].Type.TensorType.Shape = null; // no declared rank anywhere
        using var model = builder.BuildModel();

        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(model));

        Assert.Contains("unknown rank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpatialZeroBatchNormIsRefused()
    {
        using var model = Opset8Models.BatchNorm(spatial: 0).BuildModel();

        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(model));

        Assert.Equal(PreparationDiagnosticCodes.OpsetUpgradeBlocked, error.Code);
        Assert.Contains("blocked by BatchNormalization", error.Message, StringComparison.Ordinal);
        Assert.Contains("spatial=0", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, model.OpsetVersion());
    }

    [Fact]
    public void EveryBlockingOpTypeIsNamed()
    {
        var builder = Opset8Models.BatchNorm(spatial: 0);
        string extra = builder.Input("z", DataType.Float, 2, 3, 4);
        builder.Return(builder.Node("Softmax", [extra], null, OnnxBuilder.IntAttr("axis", 0)), "s", DataType.Float, 2, 3, 4);
        builder.Return(builder.Node("Upsample", [extra], null, Scales(1, 1, 2)), "u", DataType.Float, 2, 3, 8);
        builder.Return(builder.Node("Dropout", [extra], "d"), "d", DataType.Float, 2, 3, 4);
        builder.Graph.Node.Last().Output.Add("mask");
        using var model = builder.BuildModel();

        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(model));

        Assert.Contains("blocked by BatchNormalization, Softmax, Upsample, Dropout (", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not know this op", error.Message, StringComparison.Ordinal);
        Assert.Contains("mask output", error.Message, StringComparison.Ordinal);
        Assert.Equal(model.Proto.Graph.Node.First(n => n.OpType == "BatchNormalization").Name, error.Subject);
    }

    [Fact]
    public void LegacyBroadcastWithATrailingAxisIsKeptAndAnyOtherAxisRefused()
    {
        static OnnxModel Add(long axis)
        {
            var builder = new OnnxBuilder(opset: 6);
            string x = builder.Input("x", DataType.Float, 2, 3, 4);
            string bias = builder.RandomInitializer("bias", [3]);
            builder.Return(builder.Node("Add", [x, bias], null, OnnxBuilder.IntAttr("broadcast", 1), OnnxBuilder.IntAttr("axis", axis)), "y", DataType.Float, 2, 3, 4);
            return builder.BuildModel();
        }

        using var trailing = Add(2);
        UpgradeOpsetPass.Upgrade(trailing);
        Assert.Empty(trailing.Proto.Graph.Node[0].Attribute);

        using var middle = Add(1);
        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(middle));
        Assert.Contains("Add-6 to Add-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingModeOpset6NodesAreRefused()
    {
        var builder = new OnnxBuilder(opset: 6);
        string x = builder.Input("x", DataType.Float, 2, 3);
        builder.Return(builder.Node("Dropout", [x]), "y", DataType.Float, 2, 3);
        using var model = builder.BuildModel();

        var error = Assert.Throws<SparseCompileException>(() => UpgradeOpsetPass.Upgrade(model));

        Assert.Contains("Dropout-6 to Dropout-7: is_test is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDomainsAreLeftAlone()
    {
        var builder = new OnnxBuilder(opset: 8);
        string x = builder.Input("x", DataType.Float, 2, 3);
        var node = builder.Graph.Node;
        builder.Return(builder.Node("FusedThing", [builder.Relu(x)]), "y", DataType.Float, 2, 3);
        node.Last().Domain = "com.example";
        var proto = builder.Build();
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.example", Version = 1 });
        using var model = OnnxModel.FromProto(proto);

        UpgradeOpsetPass.Upgrade(model);

        Assert.Equal(13, model.OpsetVersion());
        Assert.Equal(1, model.OpsetVersion("com.example"));
    }

    [Fact]
    public void Opset13ModelsAreUntouched()
    {
        var builder = new OnnxBuilder(opset: 13);
        string x = builder.Input("x", DataType.Float, 2, 3);
        builder.Return(builder.Node("Softmax", [x], null, OnnxBuilder.IntAttr("axis", 0)), "y", DataType.Float, 2, 3);
        using var model = builder.BuildModel();
        var original = model.Proto.Clone();

        var result = UpgradeOpsetPass.Upgrade(model);

        Assert.False(result.Changed);
        Assert.Equal(original, model.Proto);
    }

    private static AttributeProto Scales(params float[] values)
    {
        var attribute = new AttributeProto { Name = "scales", Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }
}
