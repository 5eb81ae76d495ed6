using System.IO.Compression;
using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.Tests.Support;

namespace SparseCompile.Lottery.Tests.Data;

public sealed class MnistSubsetTests
{
    [Fact]
    public void Committed_subset_has_the_fixed_split()
    {
        var subset = TestData.Subset;
        Assert.Equal(7000, subset.Train.Count);
        Assert.Equal(1000, subset.Validation.Count);
        Assert.Equal(2000, subset.Test.Count);
        Assert.Equal(784, subset.Train.FeatureCount);
        Assert.All(subset.Test.Pixels, p => Assert.InRange(p, 0f, 1f));
        // Every digit is present in every part.
        Assert.Equal(10, subset.Test.Labels.Distinct().Count());
        Assert.Equal(10, subset.Validation.Labels.Distinct().Count());
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-mnist.bin.br");
        var e = Assert.Throws<FileNotFoundException>(() => MnistSubset.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Corrupt_file_names_the_file()
    {
        using var folder = new TempFolder();
        string notBrotli = folder.Combine("garbage.bin.br");
        File.WriteAllBytes(notBrotli, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Contains(notBrotli, Assert.Throws<InvalidDataException>(() => MnistSubset.Load(notBrotli)).Message);

        string truncated = folder.Combine("truncated.bin.br");
        var header = "SCMN"u8.ToArray().Concat(new byte[] { 1, 0, 0x10, 3, 10, 0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0 }).ToArray();
        using (var file = File.Create(truncated))
        using (var brotli = new BrotliStream(file, CompressionLevel.Fastest))
        {
            brotli.Write(header);
        }

        var e = Assert.Throws<InvalidDataException>(() => MnistSubset.Load(truncated));
        Assert.Contains(truncated, e.Message);
        Assert.Contains("promises", e.Message);
    }
}
