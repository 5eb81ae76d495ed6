using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>ResNet18's preprocessing in C# is exactly ResNetPreprocess.onnx, and its features behave like a real model's.</summary>
public class ResNet18PreprocessingTests
{
    [Fact]
    public void PreprocessModelIsRgbToBgrMinusAMeanImage()
    {
        using var model = OnnxModel.Load(ResNet18Preprocessing.PreprocessModelPath);
        var graph = model.Proto.Graph;

        Assert.Equal("OriginalInput", Assert.Single(graph.Input, i => graph.Initializer.All(t => t.Name != i.Name)).Name);
        Assert.Equal("PreprocessedInput", Assert.Single(graph.Output).Name);
        Assert.Equal(["Split", "Concat", "Sub"], graph.Node.Select(n => n.OpType));
        Assert.Equal(["RInp", "GInp", "BInp"], graph.Node[0].Output);
        Assert.Equal(["BInp", "GInp", "RInp"], graph.Node[1].Input);
        Assert.Equal("MeanImage", graph.Node[2].Input[1]);

        var mean = ResNet18Preprocessing.MeanImage;
        Assert.Equal(3 * 224 * 224, mean.Length);
        double blue = Average(mean[..(224 * 224)]);
        double red = Average(mean[(2 * 224 * 224)..]);
        Assert.InRange(blue, 100, 106); // ImageNet's mean in BGR order: about 104, 117, 123.
        Assert.InRange(red, 120, 126);
    }

    [Fact]
    public void CSharpPreprocessingEqualsTheOnnxModelInOnnxRuntime()
    {
        foreach (string name in new[] { "chelsea", "astronaut" })
        {
            var raw = ResNet18Preprocessing.ToPlanarRgb(Photos.Load(name));
            var expected = OrtRunner.Run(ResNet18Preprocessing.PreprocessModelPath, new Dictionary<string, (float[], int[])>
            {
                ["OriginalInput"] = (raw, ResNet18Preprocessing.Dims),
            })["PreprocessedInput"];

            var actual = ResNet18Preprocessing.Preprocess(raw);

            Assert.Equal(expected, actual);
            Assert.Equal(actual, Photos.ResNet18Input(name));
        }
    }

    [Fact]
    public void FeaturesOfAMirroredPhotoAreCloserThanFeaturesOfAnyOtherPhoto()
    {
        var images = Photos.All.Select(Photos.Load).ToList();
        var inputs = images.Select(ResNet18Preprocessing.Input)
            .Concat(images.Select(i => ResNet18Preprocessing.Input(i.FlipHorizontal())));
        var features = ResNet18Features.Compute(RealModels.ResNet18Path, inputs);
        int n = images.Count;

        Assert.All(features, f => Assert.Equal(512, f.Length));
        for (int i = 0; i < n; i++)
        {
            double mirrored = SentenceEmbedding.Cosine(features[i], features[n + i]);
            double nearestOther = Enumerable.Range(0, n).Where(j => j != i).Max(j => SentenceEmbedding.Cosine(features[i], features[j]));
            Assert.True(mirrored > nearestOther, $"{Photos.All[i]}: mirrored {mirrored:F4}, nearest other photo {nearestOther:F4}.");
        }
    }

    private static double Average(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}
