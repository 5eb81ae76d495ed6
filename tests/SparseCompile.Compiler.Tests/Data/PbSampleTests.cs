using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Tests.Evaluation;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Tests.Data;

public sealed class PbSampleTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly IReadOnlyList<InputSpec> encoder = Inputs(EvalModels.Encoder());
    private readonly IReadOnlyList<InputSpec> mlp = Inputs(EvalModels.Mlp());

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadsNamedTensorsInInputOrderAndSetsInNumericOrder()
    {
        long[] dims = [1, 3];
        string folder = SampleFiles.WritePbSets(temp.File("data"), Enumerable.Range(0, 11).Select(i => (IReadOnlyList<TensorProto>)
        [
            TensorFactory.Create<long>("attention_mask", dims, [1, 1, 0]),           // input_0 names the second input
            TensorFactory.Create<long>("input_ids", dims, [101, 2000 + i, 102]),
        ]));

        var samples = InputSamples.Read(folder, encoder).ToArray();
        Assert.Equal(11, samples.Length);
        Assert.Equal(Path.Combine(folder, "test_data_set_10"), samples[10].Source); // 10 after 9, not after 1
        Assert.Equal(["input_ids", "attention_mask"], samples[0].Tensors.Select(t => t.Name));
        Assert.Equal([101L, 2010, 102], samples[10].Find("input_ids")!.AsSpan<long>().ToArray());
        Assert.Equal([1L, 1, 0], samples[0].Find("attention_mask")!.AsSpan<long>().ToArray());
    }

    [Fact]
    public void UnnamedTensorsFeedInputsByPositionInAnyEncoding()
    {
        var ids = TensorFactory.Create<long>(string.Empty, [1, 2], [5, 6], TensorEncoding.Typed);
        var mask = TensorFactory.Create<long>(string.Empty, [1, 2], [1, 1]);
        string folder = SampleFiles.WritePbSets(temp.File("data"), [[ids, mask]]);

        var sample = Assert.Single(InputSamples.Read(folder, encoder));
        Assert.Equal([5L, 6], sample.Find("input_ids")!.AsSpan<long>().ToArray());
        Assert.Equal([1L, 1], sample.Find("attention_mask")!.AsSpan<long>().ToArray());
    }

    [Fact]
    public void ConvertsDoublesToTheInputsFloatType()
    {
        string folder = SampleFiles.WritePbSets(temp.File("data"), [[TensorFactory.Create<double>("x", [2, 16], Enumerable.Range(0, 32).Select(i => i * 0.5).ToArray())]]);

        var x = Assert.Single(InputSamples.Read(folder, mlp)).Find("x")!;
        Assert.Equal(TensorProto.Types.DataType.Float, x.ElementType);
        Assert.Equal([2L, 16], x.Dims);
        Assert.Equal(15.5f, x.AsSpan<float>()[31]);
    }

    [Fact]
    public void SamplesAreReadLazily()
    {
        string folder = SampleFiles.WritePbSets(temp.File("data"), [[Floats("x", [1, 16])], [Floats("x", [1, 16])]]);
        File.WriteAllBytes(Path.Combine(folder, "test_data_set_1", "input_0.pb"), [0xFF, 0xFF, 0xFF]);

        using var samples = InputSamples.Read(folder, mlp).GetEnumerator();
        Assert.True(samples.MoveNext()); // the first set reads although the second is corrupt
        Assert.Equal(TensorProto.Types.DataType.Float, samples.Current.Tensors[0].ElementType);
        Assert.Equal(EvaluationDiagnosticCodes.MalformedSample, Assert.Throws<SparseCompileException>(() => samples.MoveNext()).Code);
    }

    [Fact]
    public void BadFilesGiveCodesNamingTheFileAndTensor()
    {
        Expect(EvaluationDiagnosticCodes.DataNotFound, temp.File("missing"), null, mlp);
        Directory.CreateDirectory(temp.File("empty"));
        Expect(EvaluationDiagnosticCodes.DataNotFound, temp.File("empty"), null, mlp);

        var shortRaw = Floats("x", [1, 16]);
        shortRaw.RawData = Google.Protobuf.ByteString.CopyFrom(new byte[60]);
        Expect(EvaluationDiagnosticCodes.SampleSizeMismatch, Write("size", shortRaw), "x", mlp);
        Expect(EvaluationDiagnosticCodes.UnknownSampleInput, Write("name", Floats("z", [1, 16])), "z", mlp);
        Expect(EvaluationDiagnosticCodes.SampleShapeMismatch, Write("shape", Floats("x", [1, 15])), "x", mlp);
        Expect(EvaluationDiagnosticCodes.SampleTypeMismatch, Write("type", TensorFactory.Create<float>("input_ids", [1, 2], [1.5f, 2f]),
            TensorFactory.Create<long>("attention_mask", [1, 2], [1, 1])), "input_ids", encoder);
        Expect(EvaluationDiagnosticCodes.MissingSampleInput, Write("missing-input", TensorFactory.Create<long>("input_ids", [1, 2], [1, 2])), "attention_mask", encoder);
        Expect(EvaluationDiagnosticCodes.UnknownSampleInput, Write("extra", Floats(string.Empty, [1, 16]), Floats(string.Empty, [1, 16])), null, mlp);
        Expect(EvaluationDiagnosticCodes.UnknownSampleInput, Write("twice", Floats("x", [1, 16]), Floats("x", [1, 16])), "x", mlp);

        string corrupt = Write("corrupt", Floats("x", [1, 16]));
        File.WriteAllBytes(Path.Combine(corrupt, "test_data_set_0", "input_0.pb"), [0x0A, 0xFF, 0xFF, 0xFF, 0x0F]);
        var error = Expect(EvaluationDiagnosticCodes.MalformedSample, corrupt, null, mlp);
        Assert.EndsWith("input_0.pb", error.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalDataOutsideTheFolderIsRefused()
    {
        var tensor = Floats("x", [1, 16]);
        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "../../secret.bin" });
        Expect(EvaluationDiagnosticCodes.MalformedSample, Write("external", tensor), "x", mlp);
    }

    private string Write(string name, params TensorProto[] tensors) => SampleFiles.WritePbSets(temp.File(name), [tensors]);

    private static TensorProto Floats(string name, long[] dims) =>
        TensorFactory.Create<float>(name, dims, new float[dims.Aggregate(1L, (a, d) => a * d)]);

    private static SparseCompileException Expect(string code, string path, string? tensor, IReadOnlyList<InputSpec> inputs)
    {
        var error = Assert.Throws<SparseCompileException>(() => InputSamples.Read(path, inputs).ToArray());
        Assert.Equal(code, error.Code);
        Assert.NotNull(error.FilePath);
        if (tensor is not null)
        {
            Assert.Equal(tensor, error.Subject);
            Assert.Contains($"'{tensor}'", error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    private static IReadOnlyList<InputSpec> Inputs(ModelProto model)
    {
        using var wrapped = OnnxModel.FromProto(model);
        return InputSpec.Of(wrapped);
    }
}
