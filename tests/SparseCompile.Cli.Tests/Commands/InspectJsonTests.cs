using System.Text.Json;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class InspectJsonTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReportsHeaderInputsAndOutputs()
    {
        string path = temp.Save(Models.Dense());
        using var json = Inspect(path);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal("SparseCompile.Testing", root.GetProperty("producer").GetProperty("name").GetString());
        Assert.Equal("1", root.GetProperty("producer").GetProperty("version").GetString());
        Assert.Equal(7, root.GetProperty("irVersion").GetInt64());
        var opset = Assert.Single(root.GetProperty("opsets").EnumerateArray());
        Assert.Equal("ai.onnx", opset.GetProperty("domain").GetString());
        Assert.Equal(13, opset.GetProperty("version").GetInt64());

        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("x", input.GetProperty("name").GetString());
        Assert.Equal("FLOAT", input.GetProperty("elementType").GetString());
        Assert.Equal("[\"batch\",16]", Compact(input.GetProperty("shape")));
        var output = Assert.Single(root.GetProperty("outputs").EnumerateArray());
        Assert.Equal("y", output.GetProperty("name").GetString());
        Assert.Equal("[\"batch\",12]", Compact(output.GetProperty("shape")));
    }

    [Fact]
    public void ReportsParametersInTotalByOpTypeAndPerTensor()
    {
        using var json = Inspect(temp.Save(Models.Dense()));
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.Equal(300, parameters.GetProperty("count").GetInt64());
        Assert.Equal(1200, parameters.GetProperty("bytes").GetInt64());
        Assert.Equal(4, parameters.GetProperty("tensorCount").GetInt32());

        var byOpType = parameters.GetProperty("byOpType").EnumerateArray().ToArray();
        Assert.Equal(["MatMul", "Gemm"], byOpType.Select(o => o.GetProperty("opType").GetString()));
        Assert.Equal([2, 1], byOpType.Select(o => o.GetProperty("nodeCount").GetInt32()));
        Assert.Equal([2, 2], byOpType.Select(o => o.GetProperty("tensorCount").GetInt32()));
        Assert.Equal([192L, 108], byOpType.Select(o => o.GetProperty("count").GetInt64()));
        Assert.Equal([768L, 432], byOpType.Select(o => o.GetProperty("bytes").GetInt64()));

        var tensors = parameters.GetProperty("tensors").EnumerateArray().ToArray();
        Assert.Equal(["w_sparse", "w_dense", "w_gemm", "b_gemm"], tensors.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([128L, 64, 96, 12], tensors.Select(t => t.GetProperty("count").GetInt64()));
        Assert.Equal("[12,8]", Compact(tensors[2].GetProperty("shape")));
        Assert.Equal("[\"Gemm\"]", Compact(tensors[3].GetProperty("consumerOpTypes")));
    }

    [Fact]
    public void ReportsReductionAxesAndTwoFourCompliance()
    {
        using var json = Inspect(temp.Save(Models.Dense()));
        var sparsity = json.RootElement.GetProperty("sparsity");
        Assert.Equal("2:4", sparsity.GetProperty("pattern").GetString());
        Assert.Equal(2, sparsity.GetProperty("n").GetInt32());
        Assert.Equal(4, sparsity.GetProperty("m").GetInt32());
        var weights = sparsity.GetProperty("weights").EnumerateArray().ToArray();
        Assert.Equal(["w_sparse", "w_dense", "w_gemm"], weights.Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(["MatMul", "MatMul", "Gemm"], weights.Select(w => w.GetProperty("opType").GetString()));
        Assert.Equal([0, 0, 1], weights.Select(w => w.GetProperty("reductionAxis").GetInt32()));
        Assert.Equal([16L, 8, 8], weights.Select(w => w.GetProperty("reductionLength").GetInt64()));
        Assert.Equal([true, false, true], weights.Select(w => w.GetProperty("compliant").GetBoolean()));
        Assert.All(weights, w => Assert.True(w.GetProperty("applicable").GetBoolean()));
        Assert.All(weights, w => Assert.Equal(JsonValueKind.Null, w.GetProperty("notApplicableReason").ValueKind));

        var sparse = weights[0];
        Assert.Equal(0.5, sparse.GetProperty("zeroFraction").GetDouble());
        Assert.Equal(64, sparse.GetProperty("zeroCount").GetInt64());
        Assert.Equal(32, sparse.GetProperty("groupCount").GetInt64()); // 4 groups x 8 columns
        Assert.Equal(0, sparse.GetProperty("violatingGroupCount").GetInt64());

        var dense = weights[1];
        Assert.Equal(0, dense.GetProperty("zeroFraction").GetDouble());
        Assert.Equal(16, dense.GetProperty("groupCount").GetInt64());
        Assert.Equal(16, dense.GetProperty("violatingGroupCount").GetInt64());

        Assert.Equal(24, weights[2].GetProperty("groupCount").GetInt64()); // 12 rows x 2 groups along axis 1

        var summary = sparsity.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("weightCount").GetInt32());
        Assert.Equal(2, summary.GetProperty("compliantCount").GetInt32());
        Assert.Equal(0, summary.GetProperty("notApplicableCount").GetInt32());
    }

    [Fact]
    public void ConvModelOnIr3ListsOnlyRuntimeInputsAndMarksTheStemNotApplicable()
    {
        using var json = Inspect(temp.Save(Models.Conv()));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("irVersion").GetInt64());
        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("x", input.GetProperty("name").GetString());
        Assert.Equal("[1,3,8,8]", Compact(input.GetProperty("shape")));

        var parameters = root.GetProperty("parameters");
        Assert.Equal((8 * 3 * 9) + 8 + (8 * 8 * 9) + 8, parameters.GetProperty("count").GetInt64());
        var conv = Assert.Single(parameters.GetProperty("byOpType").EnumerateArray(), o => o.GetProperty("opType").GetString() == "Conv");
        Assert.Equal(4, conv.GetProperty("tensorCount").GetInt32());
        var relu = Assert.Single(parameters.GetProperty("byOpType").EnumerateArray(), o => o.GetProperty("opType").GetString() == "Relu");
        Assert.Equal(0, relu.GetProperty("count").GetInt64());

        var weights = root.GetProperty("sparsity").GetProperty("weights").EnumerateArray().ToArray();
        Assert.Equal(["stem", "body"], weights.Select(w => w.GetProperty("name").GetString()));
        Assert.All(weights, w => Assert.Equal(1, w.GetProperty("reductionAxis").GetInt32()));
        Assert.All(weights, w => Assert.False(w.GetProperty("isOverridableInput").GetBoolean()));
        Assert.False(weights[0].GetProperty("applicable").GetBoolean());
        Assert.False(weights[0].GetProperty("compliant").GetBoolean());
        Assert.Contains("not a multiple of 4", weights[0].GetProperty("notApplicableReason").GetString());
        Assert.True(weights[1].GetProperty("compliant").GetBoolean());
        Assert.Equal(2 * 8 * 9, weights[1].GetProperty("groupCount").GetInt64());
        Assert.Equal(1, root.GetProperty("sparsity").GetProperty("summary").GetProperty("notApplicableCount").GetInt32());
    }

    [Fact]
    public void PatternOptionChecksOtherNMPatterns()
    {
        string path = temp.Save(Models.Dense());
        using var json = Inspect(path, "--pattern", "4:8");
        var sparsity = json.RootElement.GetProperty("sparsity");
        Assert.Equal("4:8", sparsity.GetProperty("pattern").GetString());
        var weights = sparsity.GetProperty("weights").EnumerateArray().ToArray();
        // A 2:4 weight is also 4:8; the Gemm's reduction length 8 makes one group of 8 per row.
        Assert.Equal([true, false, true], weights.Select(w => w.GetProperty("compliant").GetBoolean()));
        Assert.Equal(12, weights[2].GetProperty("groupCount").GetInt64());
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        string path = temp.Save(Models.Dense());
        var first = Sparsec.Run("inspect", path, "--json");
        var second = Sparsec.Run("inspect", "--json", path);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.EndsWith("}\n", first.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", first.Stdout, StringComparison.Ordinal);
    }

    private JsonDocument Inspect(string path, params string[] extra)
    {
        var result = Sparsec.Run(["inspect", path, "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        return JsonDocument.Parse(result.Stdout);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
