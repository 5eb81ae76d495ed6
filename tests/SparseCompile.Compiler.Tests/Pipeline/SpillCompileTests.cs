using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Pipeline;

/// <summary>
/// A compile keeps weights of 16 MiB and more in the model's spill file between passes (so a model larger than memory
/// compiles in bounded memory; the over-4 GB run is the big-model benchmark). Spilling must not change a single output
/// byte: the same passes on the same model held in memory write the same model and manifest.
/// </summary>
public sealed class SpillCompileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void SpillingChangesNoOutputByte()
    {
        // fc1 is [2048, 2048] FLOAT: exactly 16 MiB, so it spills after sparsify and its INT8 form (4 MiB) does not.
        var b = new OnnxBuilder(13, seed: 5);
        string x = b.Input("x", DataType.Float, 1, 2048);
        string h = b.Relu(b.MatMul(x, 2048, 2048, "fc1.weight"));
        b.Return(b.MatMul(h, 2048, 64, "fc2.weight"), "y", DataType.Float, 1, 64);
        string input = Path.Combine(Directory.CreateDirectory(folder.File("input")).FullName, "wide.onnx");
        using (var built = b.BuildModel())
        {
            built.Save(input);
        }

        var spilled = SparseCompiler.Compile(new CompileOptions { ModelPath = input, OutputDirectory = folder.File("spilled") });

        string inMemoryFolder = folder.File("in-memory");
        var options = new CompileOptions { ModelPath = input, OutputDirectory = inMemoryFolder };
        using (var model = OnnxModel.Load(input))
        {
            var context = new CompilationContext(model, options);
            context.InputFiles.AddRange(InputHasher.ModelFiles(model, input));
            var sparsified = false;
            foreach (var pass in SparseCompiler.DefaultPasses())
            {
                pass.Run(context);
                var weight = model.Graph.FindInitializer("fc1.weight");
                sparsified |= weight is { HasRawData: true } && pass.Name == "sparsify"; // held in memory here
            }

            Assert.True(sparsified);
            CompilationWriter.Write(context, new FileInfo(input).Length);
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(inMemoryFolder, "wide.onnx")), File.ReadAllBytes(spilled.ModelPath));
        Assert.Equal(File.ReadAllBytes(Path.Combine(inMemoryFolder, "wide.sparsemodel.json")), File.ReadAllBytes(spilled.ManifestPath));
        Assert.Equal(["wide.onnx", "wide.report.html", "wide.sparsemodel.json"], Directory.GetFiles(folder.File("spilled")).Select(Path.GetFileName).Order());
    }
}
