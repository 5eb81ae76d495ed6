using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Cli.Tests.Commands;

/// <summary>compile --mask: masks made by sparsec mask, and mask files that must be refused.</summary>
public sealed class CompileMaskTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("layer", "2:4")]
    [InlineData("global", "2:4")]
    [InlineData("layer", "none")]
    public void EveryWeightTheMaskPrunesIsZeroInTheCompiledModel(string scope, string sparsity)
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string masks = Path.Combine(temp.Path, "masks.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.4", "--scope", scope, "-o", masks).ExitCode);
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--mask", masks, "--sparsity", sparsity);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Mask retention", result.Stdout, StringComparison.Ordinal);

        var read = MaskFileReader.Read(masks);
        using var before = OnnxModel.Load(model);
        using var after = OnnxModel.Load(Path.Combine(output, "dense.onnx"));
        Assert.Equal(3, read.Count);
        foreach (var mask in read)
        {
            float[] original = before.ReadInitializer(mask.Key).ToSingleArray();
            float[] compiled = after.ReadInitializer(mask.Key).ToSingleArray();
            for (int i = 0; i < compiled.Length; i++)
            {
                if (!mask.Keep[i])
                {
                    Assert.Equal(0f, compiled[i]);
                }
                else
                {
                    Assert.True(compiled[i] == 0f || compiled[i] == original[i], $"{mask.Key}[{i}]");
                }
            }

            if (sparsity == "none")
            {
                Assert.Equal(mask.Keep.Select((k, i) => k ? original[i] : 0f), compiled); // the mask alone, exactly
            }
        }
    }

    [Fact]
    public void ATwoFourMaskSurvivesCompilingUnchanged()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string masks = Path.Combine(temp.Path, "masks.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.3", "--sparsity", "2:4", "-o", masks).ExitCode);
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--mask", masks, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Support.Json.Parse(result.Stdout);
        Assert.Equal(1.0, json.RootElement.GetProperty("totals").GetProperty("maskRetention").GetDouble());
        Assert.Equal(masks, json.RootElement.GetProperty("options").GetProperty("mask").GetString());
    }

    public static TheoryData<string, string, string> BadMasks => new()
    {
        { "corrupt.npz", "random bytes", MaskDiagnosticCodes.CorruptZip },
        { "truncated.npz", "truncated zip", MaskDiagnosticCodes.CorruptZip },
        { "unknown.npz", "unknown key", CompileDiagnosticCodes.MaskKeyUnmatched },
        { "wrong-shape.npz", "wrong shape", CompileDiagnosticCodes.MaskShapeMismatch },
        { "empty.npz", "empty file", MaskDiagnosticCodes.EmptyMaskFile },
        { "masks.txt", "unknown format", MaskDiagnosticCodes.UnknownMaskFormat },
        { "missing.npz", "missing", MaskDiagnosticCodes.MaskFileNotFound },
    };

    [Theory]
    [MemberData(nameof(BadMasks))]
    public void BadMaskIsOneErrorLineAndLeavesNoOutputs(string file, string kind, string code)
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string mask = WriteBadMask(file, kind);
        string output = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(output);
        foreach (bool json in new[] { false, true })
        {
            string[] args = json ? ["compile", model, "-o", output, "--mask", mask, "--json"] : ["compile", model, "-o", output, "--mask", mask];
            var result = Sparsec.Run(args);
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith($"error {code}: {mask}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
            Assert.DoesNotContain("Compiled", result.Stdout, StringComparison.Ordinal);
            if (json)
            {
                Assert.Equal(string.Empty, result.Stdout);
            }

            Assert.Empty(Directory.GetFileSystemEntries(output));
        }
    }

    [Fact]
    public void AFailedCompileLeavesAnEarlierCompilesOutputsAsTheyWere()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        Assert.Equal(0, Sparsec.Run("compile", model, "-o", output).ExitCode);
        var before = Directory.GetFiles(output).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f))).ToArray();

        string mask = WriteBadMask("unknown.npz", "unknown key");
        var result = Sparsec.Run("compile", model, "-o", output, "--mask", mask, "--sparsity", "none");
        Assert.Equal(1, result.ExitCode);
        var after = Directory.GetFileSystemEntries(output).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(before.Select(b => b.f), after);
        Assert.All(before, b => Assert.Equal(b.Item2, File.ReadAllBytes(b.f)));
    }

    [Fact]
    public void AnOutputFolderThatIsAFileIsAWriteError()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = temp.Write("not-a-folder", [1]);
        var result = Sparsec.Run("compile", model, "-o", output, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("error SC1030: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    private string WriteBadMask(string file, string kind)
    {
        string path = Path.Combine(temp.Path, file);
        switch (kind)
        {
            case "random bytes":
                File.WriteAllBytes(path, Enumerable.Range(0, 300).Select(i => (byte)(i * 37)).ToArray());
                break;
            case "truncated zip":
                using (var stream = new MemoryStream())
                {
                    NpzWriter.Write(Masks(("w_dense", [8, 8])), stream);
                    File.WriteAllBytes(path, stream.ToArray()[..(int)(stream.Length / 2)]);
                }

                break;
            case "unknown key":
                NpzWriter.Write(Masks(("w_dense", [8, 8]), ("not_a_weight", [8, 8])), path);
                break;
            case "wrong shape":
                NpzWriter.Write(Masks(("w_dense", [4, 4])), path);
                break;
            case "empty file":
            case "unknown format":
                File.WriteAllBytes(path, []);
                break;
        }

        return path;
    }

    private static MaskSet Masks(params (string Key, long[] Shape)[] masks) =>
        new(null, masks.Select(m => new MaskTensor(m.Key, m.Shape, Enumerable.Range(0, (int)m.Shape.Aggregate(1L, (a, d) => a * d)).Select(i => i % 3 != 0).ToArray())));
}
