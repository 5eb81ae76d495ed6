using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Evaluation;

/// <summary>The gate decides on models compiled in memory; what it then writes must be exactly those models.</summary>
public class CandidateBuilderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InMemoryCandidateIsByteForByteTheWrittenModel(bool keepSomeDense)
    {
        using var folder = new TempFolder();
        var options = new CompileOptions { ModelPath = RealModels.MiniLMPath, OutputDirectory = folder.Path };
        var keepDense = new HashSet<string>(keepSomeDense ? ["927", "939", "pooler.dense.weight"] : [], StringComparer.Ordinal);

        using var builder = new CandidateBuilder(options);
        using var candidate = builder.Build(keepDense, new HashSet<string>(StringComparer.Ordinal));
        var written = SparseCompiler.Compile(options with { KeepDense = keepDense });

        var inMemory = ModelProto.Parser.ParseFrom(candidate.Bytes);
        var onDisk = ModelProto.Parser.ParseFrom(File.ReadAllBytes(written.ModelPath));
        Assert.Equal(onDisk.Graph.Node, inMemory.Graph.Node);
        Assert.Equal(onDisk.Graph.Initializer.Select(t => t.Name), inMemory.Graph.Initializer.Select(t => t.Name));
        Assert.True(onDisk.Equals(inMemory));
    }
}
