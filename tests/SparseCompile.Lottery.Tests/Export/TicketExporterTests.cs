using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Lottery.Export;
using SparseCompile.Lottery.Sparsity;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;
using SparseCompile.Testing;
using static TorchSharp.torch;

namespace SparseCompile.Lottery.Tests.Export;

public sealed class TicketExporterTests
{
    [Fact]
    public void Onnx_runtime_matches_the_torch_forward()
    {
        using var folder = new TempFolder();
        using var network = LeNet300100.Create(5);
        network.SetMask(TestData.RandomMask(network.GetWeights(), 0.3, 6));
        MaskedTrainer.Train(network, TestData.Subset, new TrainingOptions { Iterations = 20, EvaluateEvery = 20 });
        var (model, _) = TicketExporter.Export(network, folder.Path);

        var images = TestData.Subset.Test.Slice(0, 16);
        float[] expected;
        using (var x = tensor(images.Pixels, [16, 784]))
        using (no_grad())
        using (var logits = network.forward(x))
        {
            expected = logits.data<float>().ToArray();
        }

        var actual = OrtRunner.Run(model, new Dictionary<string, (float[], int[])> { ["x"] = (images.Pixels, [16, 784]) })["logits"];
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"logit {i}: torch {expected[i]}, onnx {actual[i]}");
        }
    }

    [Fact]
    public void Mask_npz_is_keyed_by_initializer_names_in_onnx_layout()
    {
        using var folder = new TempFolder();
        var weights = TestData.RandomWeights([12, 8, 4], 3);
        var mask = TestData.RandomMask(weights, 0.5, 4);
        var (_, maskPath) = TicketExporter.Export(weights, mask, folder.Path);
        var read = MaskFileReader.Read(maskPath);
        Assert.Equal(["fc1.weight", "fc2.weight"], read.Keys);
        Assert.Equal([12L, 8L], read["fc1.weight"].Shape);
        // Torch [out, in] element (o, i) is ONNX [in, out] element (i, o).
        Assert.Equal(mask.Layers[0].Keep[(5 * 12) + 7], read["fc1.weight"].Keep[(7 * 8) + 5]);
        Assert.Equal(mask.Layers[0].Keep, TicketExporter.Transpose(read["fc1.weight"].Keep, 12, 8));
    }

    [Fact]
    public void Sparsec_compiles_an_exported_two_four_ticket_without_changing_its_mask()
    {
        using var folder = new TempFolder();
        using var network = LeNet300100.Create(9);
        var weights = network.GetWeights();
        var nm = NMMask.Restructure(TestData.RandomMask(weights, 0.6, 1), weights, NMPattern.TwoFour);
        network.SetMask(nm);
        var (model, mask) = TicketExporter.Export(network, folder.Combine("ticket"));

        var result = SparseCompiler.Compile(new CompileOptions { ModelPath = model, MaskPath = mask, OutputDirectory = folder.Combine("out") });
        Assert.True(File.Exists(result.ModelPath));
        Assert.Equal(3, result.Weights.Count);
        Assert.All(result.Weights, w =>
        {
            Assert.False(w.Skipped, w.SkipReason);
            Assert.Equal(0, w.ReductionAxis);
            Assert.True(w.Compliant);
            Assert.Equal(w.Name, w.MaskKey);
            // The mask already is 2:4 along the compiler's reduction axis: restructuring drops nothing.
            Assert.Equal(1.0, w.MaskRetention);
            Assert.Equal(0.0, w.MaskDistance);
        });
    }
}
