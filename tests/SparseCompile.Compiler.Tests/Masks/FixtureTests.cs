using System.IO.Compression;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>Every fixture numpy wrote (tests/fixtures/masks) reads to the masks numpy says it holds.</summary>
public class FixtureTests
{
    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (string name in MaskFixtures.FileNames.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void FixtureReadsToNumpysMasks(string fileName)
    {
        string path = MaskFixtures.File(fileName);
        var masks = MaskFileReader.Read(path);
        var expected = MaskFixtures.Expected(fileName);

        Assert.Equal(path, masks.SourcePath);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), masks.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, mask) in expected)
        {
            MaskExpect.Mask(masks[key], key, mask.Shape, mask.Keep);
        }
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void FixtureFollowsTheFormula(string fileName)
    {
        foreach (var mask in MaskFileReader.Read(MaskFixtures.File(fileName)))
        {
            for (int i = 0; i < mask.ElementCount; i++)
            {
                Assert.True(MaskFixtures.FormulaKeep(i) == mask.Keep[i], $"{fileName} '{mask.Key}'[{i}]");
            }
        }
    }

    [Theory]
    [InlineData("savez.npz")]
    [InlineData("savez_compressed.npz")]
    public void NpzKeysKeepTheZipOrder(string fileName)
    {
        string path = MaskFixtures.File(fileName);
        using var zip = ZipFile.OpenRead(path);
        var entryKeys = zip.Entries.Select(e => e.FullName[..^4]).ToArray();

        Assert.Equal(entryKeys, MaskFileReader.Read(path).Keys);
        Assert.Contains("encoder.layer.0.attention.self.query.weight", entryKeys);
        Assert.Contains("decoder/block.1.fc.weight", entryKeys);
    }

    [Fact]
    public void FortranOrderedArraysComeBackInCOrder()
    {
        var masks = MaskFileReader.Read(MaskFixtures.File("savez.npz"));
        var fortran = masks["fortran.weight"];
        Assert.Equal([3L, 5, 2], fortran.Shape);

        // numpy stored the data first axis fastest; element [i, j, k] is C index (i * 5 + j) * 2 + k.
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                for (int k = 0; k < 2; k++)
                {
                    int c = (((i * 5) + j) * 2) + k;
                    Assert.Equal(MaskFixtures.FormulaKeep(c), fortran.Keep[c]);
                }
            }
        }
    }

    [Fact]
    public void ZeroDimensionalAndEmptyArraysRead()
    {
        var masks = MaskFileReader.Read(MaskFixtures.File("savez_compressed.npz"));
        Assert.Empty(masks["scalar"].Shape);
        Assert.Equal(1, masks["scalar"].ElementCount);
        Assert.Equal([0L, 4], masks["empty.weight"].Shape);
        Assert.Equal(0, masks["empty.weight"].ElementCount);
    }

    [Fact]
    public void NpyKeyIsTheFileNameWithoutExtension()
    {
        var masks = MaskFileReader.Read(MaskFixtures.File("model.layers.0.mlp.down_proj.weight.npy"));
        Assert.Equal(["model.layers.0.mlp.down_proj.weight"], masks.Keys);
    }

    [Fact]
    public void SafeTensorsKeysKeepTheHeaderOrderAndSkipMetadata()
    {
        var masks = MaskFileReader.Read(MaskFixtures.File("masks.safetensors"));
        Assert.DoesNotContain("__metadata__", masks.Keys);
        Assert.Equal("model.bool.weight", masks.Keys[0]);
        Assert.Equal(12, masks.Count);
    }

    [Fact]
    public void EveryFixtureFileIsDescribed()
    {
        var onDisk = Directory.GetFiles(MaskFixtures.Folder)
            .Select(Path.GetFileName)
            .Where(n => n is not ("expected.json" or "make_fixtures.py" or ".gitattributes"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, MaskFixtures.FileNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FixturesStaySmall()
    {
        Assert.All(Directory.GetFiles(MaskFixtures.Folder), f => Assert.True(new FileInfo(f).Length < 10_000, f));
    }
}
