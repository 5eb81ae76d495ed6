using System.Text.Json;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Cli.Tests.Commands;

public class InspectRealModelTests
{
    [Fact]
    public void ResNet18()
    {
        string path = RealModels.ResNet18Path;
        var (count, bytes) = CountParameters(path);
        Assert.Equal(15_908_800, count); // this CNTK export: 22 Conv weights (15,885,504) + 88 BatchNormalization vectors
        Assert.Equal(count * 4, bytes);

        using var json = Inspect(path);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("irVersion").GetInt64());
        var opset = Assert.Single(root.GetProperty("opsets").EnumerateArray());
        Assert.Equal("ai.onnx", opset.GetProperty("domain").GetString());
        Assert.Equal(8, opset.GetProperty("version").GetInt64());
        Assert.Equal("CNTK", root.GetProperty("producer").GetProperty("name").GetString());

        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray()); // the 110 initializers listed as inputs are left out
        Assert.Equal("Input247", input.GetProperty("name").GetString());
        Assert.Equal("FLOAT", input.GetProperty("elementType").GetString());
        Assert.Equal("[1,3,224,224]", JsonSerializer.Serialize(input.GetProperty("shape")));
        var output = Assert.Single(root.GetProperty("outputs").EnumerateArray());
        Assert.Equal("[1,512,1,1]", JsonSerializer.Serialize(output.GetProperty("shape")));

        var parameters = root.GetProperty("parameters");
        Assert.Equal(count, parameters.GetProperty("count").GetInt64());
        Assert.Equal(bytes, parameters.GetProperty("bytes").GetInt64());
        Assert.Equal(110, parameters.GetProperty("tensorCount").GetInt32());
        var byOpType = parameters.GetProperty("byOpType").EnumerateArray().ToDictionary(o => o.GetProperty("opType").GetString()!);
        Assert.Equal(22, byOpType["Conv"].GetProperty("nodeCount").GetInt32());
        Assert.Equal(22, byOpType["Conv"].GetProperty("tensorCount").GetInt32());
        Assert.Equal(15_885_504, byOpType["Conv"].GetProperty("count").GetInt64());
        Assert.Equal(88, byOpType["BatchNormalization"].GetProperty("tensorCount").GetInt32());
        Assert.Equal(19, byOpType["Relu"].GetProperty("nodeCount").GetInt32());

        var weights = root.GetProperty("sparsity").GetProperty("weights").EnumerateArray().ToArray();
        Assert.Equal(22, weights.Length);
        Assert.All(weights, w =>
        {
            Assert.Equal("Conv", w.GetProperty("opType").GetString());
            Assert.Equal(1, w.GetProperty("reductionAxis").GetInt32());
            Assert.Equal(4, w.GetProperty("shape").GetArrayLength());
            Assert.False(w.GetProperty("compliant").GetBoolean()); // a dense model
        });
        var stem = weights[0];
        Assert.Equal("[64,3,7,7]", JsonSerializer.Serialize(stem.GetProperty("shape")));
        Assert.False(stem.GetProperty("applicable").GetBoolean());
        Assert.Equal(21, weights.Count(w => w.GetProperty("applicable").GetBoolean()));
        Assert.All(weights.Skip(1), w => Assert.Equal(w.GetProperty("groupCount").GetInt64(), w.GetProperty("violatingGroupCount").GetInt64()));
    }

    [Fact]
    public void MiniLM()
    {
        string path = RealModels.MiniLMPath;
        var (count, bytes) = CountParameters(path);
        using var json = Inspect(path);
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("irVersion").GetInt64());
        Assert.Equal(13, Assert.Single(root.GetProperty("opsets").EnumerateArray()).GetProperty("version").GetInt64());

        var inputs = root.GetProperty("inputs").EnumerateArray().ToArray();
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], inputs.Select(i => i.GetProperty("name").GetString()));
        Assert.All(inputs, i =>
        {
            Assert.Equal("INT64", i.GetProperty("elementType").GetString());
            Assert.Equal("[\"batch\",\"sequence\"]", JsonSerializer.Serialize(i.GetProperty("shape")));
        });

        var parameters = root.GetProperty("parameters");
        Assert.Equal(count, parameters.GetProperty("count").GetInt64());
        Assert.Equal(bytes, parameters.GetProperty("bytes").GetInt64());
        Assert.Equal(148, parameters.GetProperty("tensorCount").GetInt32());

        var weights = root.GetProperty("sparsity").GetProperty("weights").EnumerateArray().ToArray();
        var matmuls = weights.Where(w => w.GetProperty("opType").GetString() == "MatMul").ToArray();
        Assert.Equal(36, matmuls.Length);
        Assert.All(matmuls, w =>
        {
            Assert.Equal(0, w.GetProperty("reductionAxis").GetInt32());
            var shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            Assert.Equal(2, shape.Length);
            Assert.Contains((shape[0], shape[1]), new[] { (384L, 384L), (384L, 1536L), (1536L, 384L) });
            Assert.Equal(shape[0], w.GetProperty("reductionLength").GetInt64());
            Assert.True(w.GetProperty("applicable").GetBoolean());
            Assert.False(w.GetProperty("compliant").GetBoolean());
        });
        var gemm = Assert.Single(weights, w => w.GetProperty("opType").GetString() == "Gemm");
        Assert.Equal(1, gemm.GetProperty("reductionAxis").GetInt32());
        Assert.Equal(37, weights.Length);
    }

    [Fact]
    public void ResNet18TablesReadWell()
    {
        var result = Sparsec.Run("inspect", RealModels.ResNet18Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("CNTK", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Input247", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[1, 3, 224, 224]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("15,908,800", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 of 22 weights already satisfy 2:4", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    /// <summary>Counts parameters straight from the protobuf: elements and packed FLOAT/INT64 bytes of every initializer.</summary>
    private static (long Count, long Bytes) CountParameters(string path)
    {
        using var model = OnnxModel.Load(path);
        long count = 0;
        long bytes = 0;
        foreach (var tensor in model.Proto.Graph.Initializer)
        {
            long elements = tensor.Dims.Aggregate(1L, (a, d) => a * d);
            count += elements;
            bytes += elements * (tensor.DataType == (int)Onnx.Protos.TensorProto.Types.DataType.Int64 ? 8 : 4);
        }

        return (count, bytes);
    }

    private static JsonDocument Inspect(string path)
    {
        var result = Sparsec.Run("inspect", path, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout);
    }
}
