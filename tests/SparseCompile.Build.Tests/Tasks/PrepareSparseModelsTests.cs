using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.Tasks;

/// <summary>Option parsing, duplicate output names and the options stamp.</summary>
public sealed class PrepareSparseModelsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TaskRunner runner;

    public PrepareSparseModelsTests()
    {
        runner = new TaskRunner(folder);
        TestModels.WriteMlp(folder.File("Models/mlp.onnx"));
    }

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("Sparsity", "3:2", "Sparsity=\"3:2\" is not an N:M pattern")]
    [InlineData("Quantization", "int4", "Quantization=\"int4\" is not one of None, Dynamic, Static")]
    [InlineData("Quantization", "1", "Quantization=\"1\" is not one of")]
    [InlineData("MinCosine", "1.5", "MinCosine=\"1.5\" must be a number in [0, 1]")]
    [InlineData("Compress", "yes", "Compress=\"yes\" is not true or false")]
    [InlineData("Fallback", "true", "Fallback=\"true\" needs a gate")]
    [InlineData("Calibration", "calib", "Calibration is only used by Quantization=\"Static\"")]
    [InlineData("Samples", "0", "Samples=\"0\" must be a whole number of at least 1")]
    [InlineData("EmbeddingBits", "5", "EmbeddingBits=\"5\" is not 8 or 4")]
    [InlineData("EmbeddingBits", "int4", "EmbeddingBits=\"int4\" is not 8 or 4")]
    public void InvalidMetadataIsAnSC1125ErrorAtTheProjectFileNamingTheModel(string name, string value, string expected)
    {
        var (ok, resolved, engine) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", name, value));

        Assert.False(ok);
        Assert.Empty(resolved);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SC1125", error.Code);
        Assert.Equal(runner.ProjectFile, error.File);
        Assert.StartsWith(Path.Combine(folder.Path, "Models", "mlp.onnx") + ": SparseModel metadata: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void FourBitEmbeddingsNeedDynamicQuantizationAndReachTheOptions()
    {
        var (ok, _, engine) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Quantization", "None", "EmbeddingBits", "4"));
        Assert.False(ok);
        Assert.Contains("EmbeddingBits=\"4\" is only used by Quantization=\"Dynamic\"", Assert.Single(engine.Errors).Message);

        var (fine, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "EmbeddingBits", "4"));
        Assert.True(fine);
        Assert.Contains("embeddingBits=4\n", File.ReadAllText(Assert.Single(resolved).GetMetadata("SparseStamp")));
    }

    [Fact]
    public void StaticQuantizationWithoutCalibrationIsAnError()
    {
        var (ok, _, engine) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Quantization", "static"));

        Assert.False(ok);
        Assert.Contains("Quantization=\"Static\" needs Calibration", Assert.Single(engine.Errors).Message);
    }

    [Fact]
    public void TwoItemsWithTheSameOutputNameAreAnSC1190Error()
    {
        TestModels.WriteMlp(folder.File("Other/mlp.onnx"), seed: 2);

        var (ok, resolved, engine) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx"), TaskRunner.Item("Other/mlp.onnx"));

        Assert.False(ok);
        Assert.Single(resolved);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SC1190", error.Code);
        Assert.Equal(runner.ProjectFile, error.File);
        Assert.StartsWith(Path.Combine(folder.Path, "Other", "mlp.onnx") + ": compiles to the output name 'mlp'", error.Message);
    }

    [Fact]
    public void ResolvedItemsCarryFullPathsAndTheFilesTheTargetsNeed()
    {
        string mask = TestModels.WriteMask(folder.File("Models/mlp.masks.onnx"));

        var (ok, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Mask", "Models/mlp.masks.onnx", "Compress", "true"));

        Assert.True(ok);
        var item = Assert.Single(resolved);
        Assert.Equal(Path.Combine(folder.Path, "Models", "mlp.onnx"), item.ItemSpec);
        Assert.Equal("Models/mlp.onnx", item.GetMetadata("OriginalItemSpec"));
        Assert.Equal(mask, item.GetMetadata("SparseInputFiles"));
        Assert.Equal(Path.Combine(runner.OutputDirectory, "mlp.sparsemodel.json"), item.GetMetadata("SparseManifest"));
        Assert.Equal("mlp.onnx.br", item.GetMetadata("SparseShippedName"));
        Assert.True(File.Exists(item.GetMetadata("SparseStamp")));
    }

    [Fact]
    public void TheStampIsRewrittenOnlyWhenTheOptionsChange()
    {
        var (_, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx"));
        string stamp = resolved[0].GetMetadata("SparseStamp");
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(stamp, written);

        runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Sparsity", "2:4", "Quantization", "dynamic"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(stamp)); // the same options spelled differently

        runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Sparsity", "4:8"));
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(stamp));
        Assert.Contains("sparsity=4:8\n", File.ReadAllText(stamp));
        Assert.Contains("\ntool=", File.ReadAllText(stamp));
        Assert.Empty(Directory.GetFiles(runner.OutputDirectory, "*.tmp"));
    }

    [Fact]
    public void CalibrationFoldersContributeEveryFileAsAnInput()
    {
        File.WriteAllBytes(folder.File("calib/b/input_0.pb"), [1]);
        File.WriteAllBytes(folder.File("calib/a.npz"), [2]);

        var (ok, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Quantization", "Static", "Calibration", "calib"));

        Assert.True(ok);
        Assert.Equal(
            string.Join(";", Path.Combine(folder.Path, "calib", "a.npz"), Path.Combine(folder.Path, "calib", "b", "input_0.pb")),
            resolved[0].GetMetadata("SparseInputFiles"));
    }

    [Fact]
    public void DeletingRenamingOrAddingAnOldCalibrationFileChangesTheStamp()
    {
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (string name in new[] { "a.npz", "b.npz", "c.npz" })
        {
            File.WriteAllBytes(folder.File("calib/" + name), [1, 2, 3]);
            File.SetLastWriteTimeUtc(folder.File("calib/" + name), old);
        }

        var item = TaskRunner.Item("Models/mlp.onnx", "Quantization", "Static", "Calibration", "calib");
        string Stamp()
        {
            var (ok, resolved, engine) = runner.Prepare(item);
            Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
            return File.ReadAllText(resolved[0].GetMetadata("SparseStamp"));
        }

        string first = Stamp();
        Assert.Contains($"\ninput=calib/a.npz|3|{old.Ticks}\n", first);
        Assert.Equal(first, Stamp()); // nothing changed

        File.Delete(folder.File("calib/c.npz"));
        string deleted = Stamp();
        Assert.NotEqual(first, deleted);
        Assert.DoesNotContain("calib/c.npz", deleted);

        File.Move(folder.File("calib/b.npz"), folder.File("calib/d.npz"));
        string renamed = Stamp();
        Assert.NotEqual(deleted, renamed);
        Assert.Contains("\ninput=calib/d.npz|3|", renamed);

        File.WriteAllBytes(folder.File("calib/e.npz"), [4]);
        File.SetLastWriteTimeUtc(folder.File("calib/e.npz"), old); // copied in with an old timestamp
        Assert.Contains("\ninput=calib/e.npz|1|", Stamp());
    }

    [Theory]
    [InlineData(false, false, "mlp.sparsemodel.json;mlp.onnx")]
    [InlineData(true, false, "mlp.sparsemodel.json;mlp.onnx;mlp.onnx.br")]
    [InlineData(true, true, "mlp.sparsemodel.json;mlp.onnx")] // external data is never compressed (SC2007)
    public void TheCompileOutputsAreTheManifestAndTheShippedModel(bool compress, bool externalData, string expected)
    {
        if (externalData)
        {
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(runner.OutputDirectory).FullName, "mlp.onnx.data"), [0]);
        }

        var (ok, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "Compress", compress ? "true" : "false"));

        Assert.True(ok);
        Assert.Equal(
            expected.Split(';').Select(f => Path.Combine(runner.OutputDirectory, f)),
            resolved[0].GetMetadata("SparseOutputs").Split(';'));
    }

    [Fact]
    public void AStampThatCannotBeWrittenIsAnSC1030ErrorNamingItWithoutAStackTrace()
    {
        File.WriteAllBytes(folder.File("obj"), [0]); // a file where the output folder's parent should be

        var (ok, resolved, engine) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx"), TaskRunner.Item("Models/other.onnx"));

        Assert.False(ok);
        Assert.Empty(resolved);
        Assert.Equal(2, engine.Errors.Count); // each item reported, none stops the other
        var error = engine.Errors[0];
        Assert.Equal("SC1030", error.Code);
        Assert.Equal(runner.ProjectFile, error.File);
        Assert.StartsWith(Path.Combine(runner.OutputDirectory, "mlp.sparseoptions") + ": the options stamp could not be written (", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }
}
