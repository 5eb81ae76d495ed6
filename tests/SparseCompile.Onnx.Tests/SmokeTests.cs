using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Onnx.Tests;

public class SmokeTests
{
    [Fact]
    public void ResNet18Loads()
    {
        using var model = OnnxModel.Load(RealModels.ResNet18Path);
        Assert.Equal(3, model.Proto.IrVersion);
        Assert.Equal(8, model.OpsetVersion());
    }

    [Fact]
    public void MiniLMLoads()
    {
        using var model = OnnxModel.Load(RealModels.MiniLMPath);
        Assert.Equal(7, model.Proto.IrVersion);
    }
}
