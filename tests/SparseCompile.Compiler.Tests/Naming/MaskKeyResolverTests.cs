using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Naming;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Naming;

public class MaskKeyResolverTests
{
    private static MaskKeyResolver ResolverFor(OnnxModel model) =>
        new(model.Graph, PrunableWeightFinder.Find(model), "masks.npz");

    [Fact]
    public void PyTorchNameResolvesThroughNodeScopeAndIsTransposed()
    {
        using var model = TorchExportModels.Scoped();
        var resolution = ResolverFor(model).Resolve("encoder.layer.0.attention.self.query.weight", [16, 8]);

        Assert.Equal("onnx::MatMul_101", resolution.Weight.Name);
        Assert.True(resolution.Transposed);
        Assert.Equal(MaskKeyRoute.NodeScope, resolution.Route);
    }

    [Fact]
    public void PyTorchNameResolvesThroughSiblingBiasWhenNodesHaveNoScope()
    {
        using var model = TorchExportModels.Unscoped();
        var resolution = ResolverFor(model).Resolve("encoder.layer.0.output.dense.weight", [8, 16]);

        Assert.Equal("928", resolution.Weight.Name);
        Assert.True(resolution.Transposed);
        Assert.Equal(MaskKeyRoute.SiblingBias, resolution.Route);
    }

    [Fact]
    public void InitializerNameResolvesDirectly()
    {
        using var model = TorchExportModels.Scoped();
        var resolution = ResolverFor(model).Resolve("onnx::MatMul_102", [16, 8]);

        Assert.Equal("onnx::MatMul_102", resolution.Weight.Name);
        Assert.False(resolution.Transposed);
        Assert.Equal(MaskKeyRoute.InitializerName, resolution.Route);
    }

    [Fact]
    public void InitializerNameWithTransposedShapeIsTransposed()
    {
        using var model = TorchExportModels.Scoped();
        var resolution = ResolverFor(model).Resolve("onnx::MatMul_102", [8, 16]);

        Assert.True(resolution.Transposed);
    }

    [Fact]
    public void UnknownKeyIsSC1110WithClosestCandidates()
    {
        using var model = TorchExportModels.Scoped();
        var error = Assert.Throws<SparseCompileException>(() =>
            ResolverFor(model).Resolve("encoder.layer.0.attention.self.qury.weight", [16, 8]));

        Assert.Equal(CompileDiagnosticCodes.MaskKeyUnmatched, error.Code);
        Assert.Equal("masks.npz", error.FilePath);
        Assert.Equal("encoder.layer.0.attention.self.qury.weight", error.Subject);
        Assert.Contains("'encoder.layer.0.attention.self.query.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongShapeIsSC1112GivingBothShapes()
    {
        using var model = TorchExportModels.Scoped();
        var error = Assert.Throws<SparseCompileException>(() =>
            ResolverFor(model).Resolve("encoder.layer.0.attention.self.query.weight", [4, 8]));

        Assert.Equal(CompileDiagnosticCodes.MaskShapeMismatch, error.Code);
        Assert.Contains("[4, 8]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[8, 16]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyMatchingTwoWeightsIsSC1111()
    {
        // Two MatMuls in the same module scope: the key cannot say which one it means.
        var b = new OnnxBuilder(opset: 17);
        string x = b.Input("x", Onnx.Protos.TensorProto.Types.DataType.Float, 1L, 8L);
        string h = b.MatMul(x, 8, 8, "w_a");
        b.Graph.Node[^1].Name = "/block/MatMul";
        string y = b.MatMul(h, 8, 8, "w_b");
        b.Graph.Node[^1].Name = "/block/MatMul_1";
        b.Return(y, "y", Onnx.Protos.TensorProto.Types.DataType.Float, 1L, 8L);
        using var model = b.BuildModel();

        var error = Assert.Throws<SparseCompileException>(() => ResolverFor(model).Resolve("block.weight", [8, 8]));

        Assert.Equal(CompileDiagnosticCodes.MaskKeyAmbiguous, error.Code);
        Assert.Contains("'w_a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'w_b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMiniLMLinearResolvesFromItsPyTorchName()
    {
        using var model = OnnxModel.Load(RealModels.MiniLMPath);
        var resolver = ResolverFor(model);
        var linears = new (string Module, long Out, long In)[]
        {
            ("attention.self.query", 384, 384), ("attention.self.key", 384, 384), ("attention.self.value", 384, 384),
            ("attention.output.dense", 384, 384), ("intermediate.dense", 1536, 384), ("output.dense", 384, 1536),
        };

        var resolved = new HashSet<string>(StringComparer.Ordinal);
        for (int layer = 0; layer < 6; layer++)
        {
            foreach (var (module, outFeatures, inFeatures) in linears)
            {
                var resolution = resolver.Resolve($"encoder.layer.{layer}.{module}.weight", [outFeatures, inFeatures]);
                Assert.True(resolution.Transposed);
                Assert.Equal([inFeatures, outFeatures], resolution.Weight.Dims);
                Assert.True(resolved.Add(resolution.Weight.Name), $"{resolution.Weight.Name} resolved twice");
            }
        }

        Assert.Equal(36, resolved.Count);

        // The pooler is a Gemm with transB=1: its B is already [out, in], so the PyTorch mask applies as is.
        var pooler = resolver.Resolve("pooler.dense.weight", [384, 384]);
        Assert.Equal("Gemm", pooler.Weight.OpType);
        Assert.False(pooler.Transposed);
    }
}
