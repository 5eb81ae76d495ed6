using SparseCompile.Cli.Tests.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Cli.Tests.Commands;

/// <summary>
/// The user's path for a CNN: calibrate static INT8 on some photographs, then check fidelity on others with
/// `sparsec eval`, all through the command line on the real ResNet18.
/// </summary>
public sealed class StaticQuantizationCliTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ResNet18StaticInt8CalibratedOnPhotosKeepsFeaturesOnHeldOutPhotos()
    {
        string calibration = WriteDataSets("calibration", Photos.Calibration);
        string holdout = WriteDataSets("holdout", Photos.Holdout);
        string output = Path.Combine(temp.Path, "out");

        var compile = Sparsec.Run("compile", RealModels.ResNet18Path, "-o", output, "--sparsity", "none",
            "--quantize", "static", "--calibration", calibration, "--calibration-method", "entropy", "--json");
        Assert.True(compile.ExitCode == 0, compile.Stderr);
        string compiled = Path.Combine(output, "ResNet18.onnx");
        using (var model = OnnxModel.Load(compiled))
        {
            // Every Conv reads an INT8 weight through DequantizeLinear (QDQ), and no BatchNormalization is left.
            var weights = SparseCompile.Compiler.Analysis.PrunableWeightFinder.Find(model);
            Assert.Equal(22, weights.Count);
            Assert.All(weights, w => Assert.Equal(Onnx.Protos.TensorProto.Types.DataType.Int8, w.ElementType));
            Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType == "BatchNormalization");
        }

        var eval = Sparsec.Run("eval", RealModels.ResNet18Path, compiled, "--data", holdout, "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using var json = Json.Parse(eval.Stdout);
        var output0 = json.RootElement.GetProperty("outputs")[0];
        Assert.True(output0.GetProperty("minCosine").GetDouble() >= 0.98, eval.Stdout);
        Assert.Equal(Photos.Holdout.Count, json.RootElement.GetProperty("samples").GetInt32());
    }

    [Theory]
    [InlineData("uint8", Onnx.Protos.TensorProto.Types.DataType.Uint8)]
    [InlineData("int8", Onnx.Protos.TensorProto.Types.DataType.Int8)]
    public void ActivationsOptionPicksTheZeroPointType(string activations, Onnx.Protos.TensorProto.Types.DataType expected)
    {
        string calibration = WriteDataSets("calibration", Photos.Calibration.Take(2).ToArray());
        string output = Path.Combine(temp.Path, "out-" + activations);

        var compile = Sparsec.Run("compile", RealModels.ResNet18Path, "-o", output, "--sparsity", "none",
            "--quantize", "static", "--calibration", calibration, "--activations", activations);
        Assert.True(compile.ExitCode == 0, compile.Stderr);

        // Every activation QuantizeLinear carries its zero point as an initializer of the chosen type.
        using var model = OnnxModel.Load(Path.Combine(output, "ResNet18.onnx"));
        var initializers = model.Proto.Graph.Initializer.ToDictionary(t => t.Name);
        var zeroPoints = model.Proto.Graph.Node.Where(n => n.OpType == "QuantizeLinear").Select(n => initializers[n.Input[2]]).ToArray();
        Assert.NotEmpty(zeroPoints);
        Assert.All(zeroPoints, z => Assert.Equal(expected, (Onnx.Protos.TensorProto.Types.DataType)z.DataType));
    }

    [Fact]
    public void UnknownActivationTypeIsAUsageError()
    {
        var compile = Sparsec.Run("compile", RealModels.ResNet18Path, "-o", Path.Combine(temp.Path, "x"), "--quantize", "static",
            "--calibration", temp.Path, "--activations", "int16");
        Assert.Equal(2, compile.ExitCode);
        Assert.Contains("--activations must be int8 or uint8; got 'int16'", compile.Stderr, StringComparison.Ordinal);
    }

    // The ONNX model zoo layout: <dir>/test_data_set_N/input_0.pb, one serialized TensorProto each.
    private string WriteDataSets(string name, IReadOnlyList<string> photos)
    {
        string folder = Path.Combine(temp.Path, name);
        for (int i = 0; i < photos.Count; i++)
        {
            string set = Path.Combine(folder, $"test_data_set_{i}");
            Directory.CreateDirectory(set);
            var tensor = TensorFactory.Create<float>("Input247", [1, 3, 224, 224], Photos.ResNet18Input(photos[i]));
            using var file = File.Create(Path.Combine(set, "input_0.pb"));
            Google.Protobuf.MessageExtensions.WriteTo(tensor, file);
        }

        return folder;
    }
}
