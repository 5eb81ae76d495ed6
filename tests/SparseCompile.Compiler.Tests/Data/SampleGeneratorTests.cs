using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Tests.Evaluation;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Data;

public sealed class SampleGeneratorTests
{
    [Fact]
    public void BertSizedVocabulariesGetFramedTokenIdsMasksOfOnes()
    {
        using var model = OnnxModel.FromProto(EvalModels.Encoder(vocab: 30522));
        var samples = InputSamples.Enumerate(model, new SampleOptions()).ToArray();
        Assert.Equal(SampleOptions.DefaultGeneratedCount, samples.Length);
        foreach (var sample in samples)
        {
            var ids = sample.Find("input_ids")!;
            Assert.Equal([1L, 128], ids.Dims);
            var values = ids.AsSpan<long>().ToArray();
            Assert.Equal(101, values[0]);
            Assert.Equal(102, values[^1]);
            Assert.All(values[1..^1], v => Assert.InRange(v, 1000, 30521));
            Assert.All(sample.Find("attention_mask")!.AsSpan<long>().ToArray(), v => Assert.Equal(1, v));
        }

        Assert.NotEqual(samples[0].Find("input_ids")!.AsSpan<long>().ToArray(), samples[1].Find("input_ids")!.AsSpan<long>().ToArray());
    }

    [Fact]
    public void SmallVocabulariesDrawFromZeroAndDimsCanBeNamed()
    {
        using var model = OnnxModel.FromProto(EvalModels.Encoder(vocab: 50));
        var options = new SampleOptions
        {
            MaxSamples = 2,
            Generation = new GenerationOptions { BatchSize = 3, Dimensions = new Dictionary<string, long> { ["sequence"] = 7 } },
        };
        var sample = InputSamples.Enumerate(model, options).First();
        var ids = sample.Find("input_ids")!;
        Assert.Equal([3L, 7], ids.Dims);
        Assert.All(ids.AsSpan<long>().ToArray(), v => Assert.InRange(v, 0, 49));
    }

    [Fact]
    public void FloatInputsGetSeededStandardNormalValuesAndOtherIntegersZeros()
    {
        var b = new OnnxBuilder();
        b.Input("pixels", DataType.Float, "batch", 3, "height", "width");
        b.Input("token_type_ids", DataType.Int64, 1, 4);
        b.Input("position_ids", DataType.Int32, 1, 4);
        b.Input("flags", DataType.Bool, 2);
        b.Node("Identity", ["pixels"], "out");
        b.Output("out", DataType.Float, "batch", 3, "height", "width");
        using var model = OnnxModel.FromProto(b.Build());
        var options = new SampleOptions { MaxSamples = 1, Generation = new GenerationOptions { SequenceLength = 32 } };

        var first = InputSamples.Enumerate(model, options).Single();
        var again = InputSamples.Enumerate(model, options).Single();
        var pixels = first.Find("pixels")!;
        Assert.Equal([1L, 3, 32, 32], pixels.Dims);
        float[] values = pixels.AsSpan<float>().ToArray();
        Assert.Equal(values, again.Find("pixels")!.AsSpan<float>().ToArray());
        Assert.InRange(values.Average(), -0.1, 0.1);
        Assert.InRange(Math.Sqrt(values.Average(v => v * v)), 0.9, 1.1);
        Assert.Equal([0L, 0, 0, 0], first.Find("token_type_ids")!.AsSpan<long>().ToArray());
        Assert.Equal([0, 1, 2, 3], first.Find("position_ids")!.AsSpan<int>().ToArray());
        Assert.Equal([1, 1], first.Find("flags")!.AsSpan<byte>().ToArray());
    }
}
