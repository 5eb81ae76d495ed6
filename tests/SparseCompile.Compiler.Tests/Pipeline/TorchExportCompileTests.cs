using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Naming;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Pipeline;

/// <summary>
/// A model shaped like torch.onnx.export output (renamed, transposed MatMul weights), with masks keyed
/// by PyTorch parameter names: the compile must zero exactly the right weights, transposition included.
/// </summary>
public class TorchExportCompileTests
{
    // These tests read float weights back, so they compile without INT8.
    private static readonly QuantizationOptions FloatOnly = new() { Mode = QuantizationMode.None };

    // PyTorch Linear weights are [out, in]; the exported MatMul B is [in, out].
    private static readonly (string Key, string Weight, long Out, long In)[] Layers =
    [
        ("encoder.layer.0.attention.self.query.weight", "onnx::MatMul_101", 16, 8),
        ("encoder.layer.0.output.dense.weight", "onnx::MatMul_102", 8, 16),
    ];

    [Theory]
    [InlineData("none")]
    [InlineData("2:4")]
    public void PyTorchKeyedMasksZeroTheTransposedWeights(string sparsity)
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        Dictionary<string, float[]> original;
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
            original = CompileAssertions.PrunableValues(modelPath);
        }

        // Keep pattern in PyTorch layout: ((out * 3) + in) % 5 != 0, an irregular 80 % density.
        var masks = Layers.Select(l => new MaskTensor(l.Key, [l.Out, l.In],
            Enumerable.Range(0, (int)(l.Out * l.In)).Select(i => ((i / l.In * 3) + (i % l.In)) % 5 != 0).ToArray())).ToList();
        string maskPath = folder.File("ticket.npz");
        NpzWriter.Write(new MaskSet(maskPath, masks), maskPath);

        var result = SparseCompiler.Compile(new CompileOptions
        {
            Quantization = FloatOnly,
            ModelPath = modelPath,
            OutputDirectory = folder.File("out"),
            MaskPath = maskPath,
            Sparsity = sparsity == "none" ? null : SparseCompile.Compiler.Analysis.NMPattern.Parse(sparsity),
        });

        var compiled = CompileAssertions.PrunableValues(result.ModelPath);
        foreach (var (key, weight, outFeatures, inFeatures) in Layers)
        {
            var mask = masks.Single(m => m.Key == key).Keep;
            float[] values = compiled[weight];
            CompileAssertions.AssertSubsetOfOriginal(original[weight], values);
            for (long i = 0; i < inFeatures; i++)
            {
                for (long o = 0; o < outFeatures; o++)
                {
                    bool keptByMask = mask[(o * inFeatures) + i];
                    float value = values[(i * outFeatures) + o]; // MatMul B is [in, out]
                    if (!keptByMask)
                    {
                        Assert.Equal(0f, value);
                    }
                    else if (sparsity == "none")
                    {
                        Assert.Equal(original[weight][(i * outFeatures) + o], value);
                    }
                }
            }

            if (sparsity == "2:4")
            {
                CompileAssertions.AssertNM(values, [inFeatures, outFeatures], 0, 2, 4);
            }

            var outcome = result.Weights.Single(w => w.Name == weight);
            Assert.Equal(key, outcome.MaskKey);
            Assert.Equal(sparsity == "none" ? "unstructured" : "2:4", outcome.Pattern);
        }
    }

    [Fact]
    public void CompiledModelRunsLikeTheDenseModelWithTheSameZerosAppliedByHand()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("out") });
        var compiled = CompileAssertions.PrunableValues(result.ModelPath);

        // Zero the same positions by hand in the dense model, through the model layer only.
        string handPath = folder.File("hand.onnx");
        using (var dense = OnnxModel.Load(modelPath))
        {
            foreach (var (name, values) in compiled)
            {
                var tensor = dense.Graph.FindInitializer(name)!;
                float[] zeroed = dense.ReadTensor(tensor).ToSingleArray();
                for (int i = 0; i < zeroed.Length; i++)
                {
                    zeroed[i] = values[i] == 0 ? 0 : zeroed[i];
                }

                int index = dense.Proto.Graph.Initializer.IndexOf(tensor);
                dense.Proto.Graph.Initializer[index] = TensorFactory.Create<float>(name, tensor.Dims.ToArray(), zeroed);
            }

            dense.Save(handPath);
        }

        var input = new Dictionary<string, (float[], int[])> { ["x"] = (new OnnxBuilder(seed: 9).RandomValues(3 * 8), [3, 8]) };
        float[] expected = OrtRunner.Run(handPath, input)["y"];
        float[] actual = OrtRunner.Run(result.ModelPath, input)["y"];
        Assert.Equal(expected, actual);
    }
}
