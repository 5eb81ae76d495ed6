using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// Builder models in every source encoding, saved embedded and external, across opsets: the tensors
/// decode to identical bytes and ONNX Runtime gives bit-identical outputs for the original and the rewrite.
/// </summary>
public class RoundTripTests
{
    public enum Source
    {
        RawData,
        TypedFields,
        ExternalData,
    }

    public enum Target
    {
        Embedded,
        External,
    }

    public static TheoryData<string, int, Source, Target> Cases()
    {
        var data = new TheoryData<string, int, Source, Target>();
        foreach (string kind in new[] { "dense", "conv" })
        {
            foreach (int opset in TestModels.Opsets)
            {
                foreach (var source in Enum.GetValues<Source>())
                {
                    foreach (var target in Enum.GetValues<Target>())
                    {
                        data.Add(kind, opset, source, target);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuilderModelSurvivesLoadAndSave(string kind, int opset, Source source, Target target)
    {
        using var temp = new TempFolder("roundtrip");
        var built = TestModels.Make(kind, opset, source == Source.TypedFields ? TensorEncoding.Typed : TensorEncoding.Raw);
        using var truthModel = OnnxModel.FromProto(built.Proto.Clone());
        var truth = TestModels.Snapshot(truthModel);

        string original = Path.Combine(temp.Folder("original"), "model.onnx");
        if (source == Source.ExternalData)
        {
            truthModel.Save(original, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }
        else
        {
            TestModels.WriteProto(built.Proto, original);
        }

        AssertEncoding(TestModels.ReadProto(original), source);

        string rewritten = Path.Combine(temp.Folder("rewritten"), "model.onnx");
        using (var loaded = OnnxModel.Load(original))
        {
            TestModels.AssertSameTensors(truth, TestModels.Snapshot(loaded));
            loaded.Save(rewritten, new OnnxSaveOptions
            {
                ExternalData = target == Target.External ? ExternalDataMode.Always : ExternalDataMode.Never,
            });
        }

        var rewrittenProto = TestModels.ReadProto(rewritten);
        var rewrittenTensors = rewrittenProto.Graph.Initializer;
        if (target == Target.Embedded)
        {
            Assert.DoesNotContain(rewrittenTensors, t => t.DataLocation == TensorProto.Types.DataLocation.External);
            Assert.Equal(["model.onnx"], temp.FileNames(Path.GetDirectoryName(rewritten)));
            if (source != Source.ExternalData)
            {
                // An embedded save of an embedded model writes the very same message.
                Assert.Equal(TestModels.ReadProto(original), rewrittenProto);
            }
        }
        else
        {
            Assert.Contains(rewrittenTensors, t => t.DataLocation == TensorProto.Types.DataLocation.External);
            Assert.Equal(["model.onnx", "model.onnx.data"], temp.FileNames(Path.GetDirectoryName(rewritten)));
        }

        Assert.Equal(built.Proto.Graph.Node, rewrittenProto.Graph.Node);
        Assert.Equal(built.Proto.Graph.Input, rewrittenProto.Graph.Input);
        Assert.Equal(built.Proto.OpsetImport, rewrittenProto.OpsetImport);
        Assert.Equal(built.Proto.IrVersion, rewrittenProto.IrVersion);

        using (var back = OnnxModel.Load(rewritten))
        {
            TestModels.AssertSameTensors(truth, TestModels.Snapshot(back));
        }

        var before = OrtRunner.Run(original, built.Inputs);
        var after = OrtRunner.Run(rewritten, built.Inputs);
        Expect.Meaningful(before["y"], "original output");
        Expect.BitIdentical(before["y"], after["y"], "rewritten output");
    }

    private static void AssertEncoding(ModelProto proto, Source source)
    {
        var tensors = proto.Graph.Initializer;
        Assert.NotEmpty(tensors);
        switch (source)
        {
            case Source.RawData:
                Assert.All(tensors, t => Assert.True(t.HasRawData && t.FloatData.Count == 0));
                break;
            case Source.TypedFields:
                Assert.All(tensors, t => Assert.True(!t.HasRawData && t.FloatData.Count > 0));
                break;
            case Source.ExternalData:
                // Tensors of at least the 1 KiB threshold go out; smaller ones (biases) stay as raw_data.
                Assert.All(tensors, t => Assert.Equal(
                    t.Dims.Aggregate(4L, (a, d) => a * d) >= 1024,
                    t.DataLocation == TensorProto.Types.DataLocation.External));
                Assert.Contains(tensors, t => t.DataLocation != TensorProto.Types.DataLocation.External && t.HasRawData);
                break;
        }
    }
}
