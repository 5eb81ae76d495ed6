using System.Text.Json;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class DiffCommandTests : IDisposable
{
    // a.w1 = 1010 1100, b.w1 = 1110 0101: positions 1, 4 and 7 differ. a.w2 = 111, b.w2 = 110: position 2 differs.
    private static readonly bool[] AW1 = Bits("10101100");
    private static readonly bool[] BW1 = Bits("11100101");
    private static readonly bool[] AW2 = Bits("111");
    private static readonly bool[] BW2 = Bits("110");

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AFileAgainstItselfIsZero()
    {
        string a = WriteNpz("a.npz", ("w1", [2, 4], AW1), ("w2", [3], AW2));
        var result = Sparsec.Run("diff", a, a, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("total").GetProperty("distance").GetDouble());
        Assert.All(json.RootElement.GetProperty("masks").EnumerateArray(), m => Assert.Equal(0, m.GetProperty("distance").GetDouble()));

        var human = Sparsec.Run("diff", a, a);
        Assert.Contains("Overall distance 0: 0 of 11 positions differ over 2 masks.", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DistancesMatchAHandCountAcrossFormats()
    {
        string a = WriteNpz("a.npz", ("w1", [2, 4], AW1), ("w2", [3], AW2));
        string b = WriteOnnx("b.onnx", ("w2", [3], BW2), ("w1", [2, 4], BW1)); // another format, keys in another order
        var result = Sparsec.Run("diff", a, b, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);

        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "a", "b", "total", "masks"], Json.Names(root));
        var total = root.GetProperty("total");
        Assert.Equal(2, total.GetProperty("maskCount").GetInt32());
        Assert.Equal(11, total.GetProperty("count").GetInt64());
        Assert.Equal(4, total.GetProperty("differingCount").GetInt64());
        Assert.Equal(Math.Round(4.0 / 11, 6), total.GetProperty("distance").GetDouble());

        var masks = root.GetProperty("masks").EnumerateArray().ToArray();
        Assert.Equal(["w1", "w2"], masks.Select(m => m.GetProperty("name").GetString())); // the first file's order
        Assert.Equal(3, masks[0].GetProperty("differingCount").GetInt64());
        Assert.Equal(0.375, masks[0].GetProperty("distance").GetDouble());
        Assert.Equal(4, masks[0].GetProperty("keptCountA").GetInt64());
        Assert.Equal(5, masks[0].GetProperty("keptCountB").GetInt64());
        Assert.Equal(Math.Round(1.0 / 3, 6), masks[1].GetProperty("distance").GetDouble());

        var human = Sparsec.Run("diff", a, b);
        Assert.Contains("Overall distance 0.3636: 4 of 11 positions differ over 2 masks.", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("0.3750", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoNpyFilesCompareTheirArraysWhateverTheirNames()
    {
        string a = Path.Combine(temp.Path, "epoch1.npy");
        string b = Path.Combine(temp.Path, "epoch2.npy");
        NpyWriter.Write(new MaskTensor("epoch1", [2, 4], AW1), a);
        NpyWriter.Write(new MaskTensor("epoch2", [2, 4], BW1), b);
        var result = Sparsec.Run("diff", a, b, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var mask = Assert.Single(json.RootElement.GetProperty("masks").EnumerateArray());
        Assert.Equal("epoch1", mask.GetProperty("name").GetString());
        Assert.Equal(3, mask.GetProperty("differingCount").GetInt64());
    }

    [Fact]
    public void AKeyInOneFileOnlyIsAnError()
    {
        string a = WriteNpz("a.npz", ("w1", [2, 4], AW1), ("w2", [3], AW2));
        string b = WriteNpz("b.npz", ("w1", [2, 4], BW1));
        var missing = Sparsec.Run("diff", a, b);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(string.Empty, missing.Stdout);
        Assert.Equal($"error SC1130: {b}: there is no mask 'w2', which {a} has; both must hold the same masks", Assert.Single(missing.StderrLines));

        var extra = Sparsec.Run("diff", b, a, "--json");
        Assert.Equal(1, extra.ExitCode);
        Assert.Equal(string.Empty, extra.Stdout);
        Assert.Equal($"error SC1130: {a}: mask 'w2' is not in {b}; both must hold the same masks", Assert.Single(extra.StderrLines));
    }

    [Fact]
    public void DifferentShapesAreAnError()
    {
        string a = WriteNpz("a.npz", ("w1", [2, 4], AW1));
        string b = WriteNpz("b.npz", ("w1", [4, 2], BW1));
        var result = Sparsec.Run("diff", a, b);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error SC1131: {b}: mask 'w1' has shape [4, 2] here but [2, 4] in {a}", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void AnUnreadableFileIsItsOwnError()
    {
        string a = WriteNpz("a.npz", ("w1", [2, 4], AW1));
        string b = temp.Write("b.npz", [1, 2, 3, 4, 5]);
        var result = Sparsec.Run("diff", a, b);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error {MaskDiagnosticCodes.CorruptZip}: {b}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void MasksFromSparsecMaskDifferAsTheirDensitiesAllow()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string half = Path.Combine(temp.Path, "half.npz");
        string quarter = Path.Combine(temp.Path, "quarter.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.5", "-o", half).ExitCode);
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.25", "-o", quarter).ExitCode);
        var result = Sparsec.Run("diff", half, quarter, "--json");
        using var json = Json.Parse(result.Stdout);

        // Magnitude masks nest: the quarter keeps a subset of the half, so they differ exactly where only the half keeps.
        Assert.Equal(144 - 72, json.RootElement.GetProperty("total").GetProperty("differingCount").GetInt64());
    }

    private string WriteNpz(string name, params (string Key, long[] Shape, bool[] Keep)[] masks)
    {
        string path = Path.Combine(temp.Path, name);
        NpzWriter.Write(new MaskSet(null, masks.Select(m => new MaskTensor(m.Key, m.Shape, m.Keep))), path, NpzCompression.Deflated);
        return path;
    }

    private string WriteOnnx(string name, params (string Key, long[] Shape, bool[] Keep)[] masks)
    {
        var builder = new OnnxBuilder(opset: 13);
        foreach (var (key, shape, keep) in masks)
        {
            builder.Initializer(key, shape, keep.Select(k => k ? 1f : 0f).ToArray());
        }

        builder.Input("x", DataType.Float, 1);
        builder.Return(builder.Node("Relu", ["x"]), "y", DataType.Float, 1);
        return temp.Save(builder.Build(), name);
    }

    private static bool[] Bits(string bits) => bits.Select(c => c == '1').ToArray();
}
