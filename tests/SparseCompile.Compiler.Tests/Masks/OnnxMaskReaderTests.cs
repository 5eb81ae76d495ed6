using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>.onnx mask files: every initializer of the main graph is a mask.</summary>
public sealed class OnnxMaskReaderTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Save(OnnxBuilder builder)
    {
        string path = temp.File("masks.onnx");
        using var model = builder.BuildModel();
        model.Save(path);
        return path;
    }

    [Theory]
    [InlineData(TensorEncoding.Raw)]
    [InlineData(TensorEncoding.Typed)]
    public void InitializersOfEveryNumericTypeAreMasks(TensorEncoding encoding)
    {
        var builder = new OnnxBuilder { Encoding = encoding };
        builder.Initializer("encoder.fc.weight", [2, 3], new[] { 0f, -0f, float.NaN, 1e-45f, -3f, 0f });
        builder.Initializer("bool.weight", [4], new[] { true, false, false, true });
        builder.Initializer("int8.weight", [3], new sbyte[] { -128, 0, 1 });
        builder.Initializer("half.weight", [2], new[] { (Half)(-0.0f), Half.NaN });
        builder.Initializer("bf16.weight", [2], new[] { new BFloat16(0x8000), new BFloat16(0x0001) });
        builder.Initializer("double.weight", [2], new[] { -0.0, double.Epsilon });
        builder.Initializer("int64.weight", [2], new[] { long.MinValue, 0L });
        builder.Initializer("uint16.weight", [2], new ushort[] { 0, 0x8000 });
        builder.Initializer("scalar", [], new[] { 7 });

        var masks = MaskFileReader.Read(Save(builder));

        Assert.Equal(["encoder.fc.weight", "bool.weight", "int8.weight", "half.weight", "bf16.weight", "double.weight", "int64.weight", "uint16.weight", "scalar"], masks.Keys);
        MaskExpect.Mask(masks["encoder.fc.weight"], "encoder.fc.weight", [2, 3], [false, false, true, true, true, false]);
        MaskExpect.Mask(masks["bool.weight"], "bool.weight", [4], [true, false, false, true]);
        MaskExpect.Mask(masks["int8.weight"], "int8.weight", [3], [true, false, true]);
        MaskExpect.Mask(masks["half.weight"], "half.weight", [2], [false, true]);
        MaskExpect.Mask(masks["bf16.weight"], "bf16.weight", [2], [false, true]);
        MaskExpect.Mask(masks["double.weight"], "double.weight", [2], [false, true]);
        MaskExpect.Mask(masks["int64.weight"], "int64.weight", [2], [true, false]);
        MaskExpect.Mask(masks["uint16.weight"], "uint16.weight", [2], [false, true]);
        MaskExpect.Mask(masks["scalar"], "scalar", [], [true]);
    }

    [Fact]
    public void ExternalDataInitializersAreRead()
    {
        var builder = new OnnxBuilder();
        var values = Enumerable.Range(0, 4096).Select(i => MaskFixtures.FormulaKeep(i) ? (float)i : 0f).ToArray();
        builder.Initializer("big.weight", [64, 64], values);
        string path = temp.File("external.onnx");
        using (var model = builder.BuildModel())
        {
            model.Save(path, new Onnx.IO.OnnxSaveOptions { ExternalData = Onnx.IO.ExternalDataMode.Always });
        }

        Assert.True(File.Exists(path + ".data"));
        var mask = MaskFileReader.Read(path)["big.weight"];
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] != 0f, mask.Keep[i]);
        }
    }

    [Fact]
    public void StringInitializerIsSC1103()
    {
        var builder = new OnnxBuilder();
        builder.Initializer("ok", [1], new[] { 1f });
        builder.Graph.Initializer.Add(TensorFactory.CreateStrings("labels", [1], [[65]]));
        string path = Save(builder);
        MaskExpect.ReadError(MaskDiagnosticCodes.UnsupportedMaskDtype, path, "labels");
    }

    [Fact]
    public void DuplicateInitializerNamesAreTheModelLayersSC1042()
    {
        var builder = new OnnxBuilder();
        builder.Initializer("w", [1], new[] { 1f });
        builder.Initializer("w", [1], new[] { 0f });
        string path = temp.File("masks.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(builder.Build()));
        var e = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(path));
        Assert.Equal(DiagnosticCodes.DuplicateName, e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.Equal("w", e.Subject);
    }

    [Fact]
    public void ModelLayerErrorsKeepTheirCodes()
    {
        string path = temp.Write("garbage.onnx", [0xFF, 0xFF, 0xFF, 0xFF]);
        var e = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(path));
        Assert.StartsWith("SC10", e.Code, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }
}
