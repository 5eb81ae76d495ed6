using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>The committed photographs: a fixed split, and real content at ResNet18's size.</summary>
public class PhotosTests
{
    [Fact]
    public void EightPhotosInAFixedSplitOfFiveAndThree()
    {
        Assert.Equal(5, Photos.Calibration.Count);
        Assert.Equal(3, Photos.Holdout.Count);
        Assert.Equal(8, Photos.All.Distinct().Count());
        Assert.Empty(Photos.Calibration.Intersect(Photos.Holdout));
        Assert.All(Photos.All, name => Assert.True(File.Exists(Photos.PathOf(name))));
    }

    [Fact]
    public void PhotosAre224RgbWithRealContent()
    {
        foreach (string name in Photos.All)
        {
            var image = Photos.Load(name);
            Assert.Equal((224, 224, 3), (image.Width, image.Height, image.Channels));
            double mean = image.Pixels.Average(b => (double)b);
            Assert.InRange(mean, 10, 245);
            Assert.True(image.Pixels.Distinct().Count() > 64, $"{name} has too few distinct values for a photograph.");
        }
    }

    [Fact]
    public void FlippingTwiceGivesTheImageBack()
    {
        var image = Photos.Load("chelsea");
        var flipped = image.FlipHorizontal();

        Assert.NotEqual(image.Pixels, flipped.Pixels);
        Assert.Equal(image[0, 10, 1], flipped[223, 10, 1]);
        Assert.Equal(image.Pixels, flipped.FlipHorizontal().Pixels);
    }

    [Fact]
    public void MissingPhotoSaysWhereItLooked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Photos.PathOf("no-such-photo"));
        Assert.Contains("tests/fixtures/real-data", error.Message, StringComparison.Ordinal);
    }
}
