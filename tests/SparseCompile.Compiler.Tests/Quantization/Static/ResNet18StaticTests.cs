using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>
/// The real ResNet18 (CNTK export, opset 8) compiled by the default passes (opset upgrade and BatchNorm folding first)
/// plus static quantization, calibrated on five real photos and measured on three others.
/// </summary>
public class ResNet18StaticTests(ITestOutputHelper output)
{
    private const string Input = "Input247";

    [Theory]
    [InlineData(CalibrationMethod.MinMax, true)]
    [InlineData(CalibrationMethod.Percentile, true)]
    [InlineData(CalibrationMethod.Entropy, true)]
    [InlineData(CalibrationMethod.MinMax, false)]
    public void FeaturesOfHeldOutPhotosStayWithinCosine098AndEveryConvFuses(CalibrationMethod method, bool symmetric)
    {
        using var folder = new TempFolder();
        var result = Compile(folder, method, sparsity: null, symmetric);

        var reference = ResNet18Features.OfPhotos(RealModels.ResNet18Path, Photos.Holdout);
        var quantized = ResNet18Features.OfPhotos(result.ModelPath, Photos.Holdout);
        var cosines = reference.Zip(quantized, Cosine).ToArray();
        output.WriteLine($"{method}, {(symmetric ? "INT8 symmetric" : "UINT8 asymmetric")}: feature cosine on {string.Join(", ", Photos.Holdout)}: {string.Join(", ", cosines.Select(c => c.ToString("F4")))}; mean {cosines.Average():F4}, min {cosines.Min():F4}");
        Assert.All(cosines, c => Assert.True(c >= 0.98, $"cosine {c:F4} < 0.98"));

        var ops = OptimizedGraph.OpCounts(result.ModelPath);
        output.WriteLine("optimized graph: " + string.Join(", ", ops.OrderByDescending(o => o.Value).Select(o => $"{o.Key} x{o.Value}")));
        Assert.Equal(22, ops.Count(":QLinearConv") + ops.Count("com.microsoft:QLinearConv"));
        Assert.Equal(0, ops.Count(":Conv"));
        Assert.Equal(8, ops.Count(":QLinearAdd") + ops.Count("com.microsoft:QLinearAdd")); // the ninth Add feeds the float output pool
        Assert.Equal(symmetric ? 19 : 1, ops.Count(":Relu")); // asymmetric: every Relu but the last folds into its producer's kernel
    }

    [Fact]
    public void TwoFourPlusStaticKeepsEveryCompliantConvTwoFourInInt8()
    {
        using var folder = new TempFolder();
        var result = Compile(folder, CalibrationMethod.MinMax, NMPattern.TwoFour);

        using var model = OnnxModel.Load(result.ModelPath);
        var compliant = result.Weights.Where(w => w.Compliant).ToArray();
        Assert.Equal(21, compliant.Length); // every Conv but the first (3 input channels)
        foreach (var weight in compliant)
        {
            var tensor = model.Graph.FindInitializer(weight.Name + "_quantized")!;
            Assert.Equal(DataType.Int8, (DataType)tensor.DataType);
            long violating = SparsityGuard.CountViolatingGroups(model.ReadTensor(tensor).AsSpan<sbyte>(), tensor.Dims.ToArray(), weight.ReductionAxis, NMPattern.TwoFour, out _);
            Assert.Equal(0, violating);
        }

        Assert.DoesNotContain(model.Proto.Graph.Initializer, t => t.DataType == (int)DataType.Float && t.Dims.Count == 4);
    }

    private static CompileResult Compile(TempFolder folder, CalibrationMethod method, NMPattern? sparsity, bool symmetric = true)
    {
        string calibration = CalibrationFolder.Write(folder.File("calibration"), Input, [1, 3, 224, 224], Photos.Calibration.Select(Photos.ResNet18Input));
        var options = new CompileOptions
        {
            ModelPath = RealModels.ResNet18Path,
            OutputDirectory = folder.File("out"),
            Sparsity = sparsity,
            Quantization = new QuantizationOptions { Mode = QuantizationMode.Static, CalibrationPath = calibration, Calibration = method, SymmetricActivations = symmetric },
        };
        var passes = SparseCompiler.DefaultPasses().Where(p => p is not StaticQuantizationPass).Append(new StaticQuantizationPass()).ToArray();
        return SparseCompiler.Compile(options, passes);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
