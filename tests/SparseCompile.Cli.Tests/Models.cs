using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests;

/// <summary>Small models with known facts for the inspect tests.</summary>
internal static class Models
{
    /// <summary>
    /// x [batch, 16] → MatMul w_sparse [16, 8] (2:4 along K) → MatMul w_dense [8, 8] → Gemm transB=1
    /// w_gemm [12, 8] (2:4 along axis 1) + b_gemm [12] → y [batch, 12]. 128 + 64 + 96 + 12 = 300 parameters.
    /// </summary>
    public static ModelProto Dense()
    {
        var b = new OnnxBuilder(opset: 13, seed: 7);
        string x = b.Input("x", DataType.Float, "batch", 16);
        b.Initializer("w_sparse", [16, 8], ZeroSmallestAlong(b.RandomValues(128), [16, 8], axis: 0));
        b.RandomInitializer("w_dense", [8, 8]);
        b.Initializer("w_gemm", [12, 8], ZeroSmallestAlong(b.RandomValues(96), [12, 8], axis: 1));
        b.RandomInitializer("b_gemm", [12]);
        string h = b.Node("MatMul", [x, "w_sparse"]);
        h = b.Node("MatMul", [h, "w_dense"]);
        h = b.Node("Gemm", [h, "w_gemm", "b_gemm"], null, OnnxBuilder.IntAttr("transB", 1));
        b.Return(h, "y", DataType.Float, "batch", 12);
        return b.Build();
    }

    /// <summary>
    /// IR 3 / opset 8 (initializers listed as inputs): x [1, 3, 8, 8] → Conv stem [8, 3, 3, 3] (C = 3: not 2:4-able)
    /// → Relu → Conv body [8, 8, 3, 3] made 2:4 along C, both with biases [8].
    /// </summary>
    public static ModelProto Conv()
    {
        var b = new OnnxBuilder(opset: 8, seed: 3);
        string x = b.Input("x", DataType.Float, 1, 3, 8, 8);
        string h = b.Conv(x, 3, 8, weightName: "stem");
        h = b.Relu(h);
        h = b.Conv(h, 8, 8, weightName: "body");
        b.Return(h, "y", DataType.Float, 1, 8, 8, 8);
        var model = b.Build();
        var body = model.Graph.Initializer.Single(t => t.Name == "body");
        var values = Onnx.IO.OnnxModel.FromProto(model).ReadInitializer("body").ToSingleArray();
        var sparse = Onnx.Tensors.TensorFactory.Create<float>("body", [8, 8, 3, 3], ZeroSmallestAlong(values, [8, 8, 3, 3], axis: 1));
        body.RawData = sparse.RawData;
        body.FloatData.Clear();
        return model;
    }

    /// <summary>Zeroes the 2 smallest magnitudes in every group of 4 along <paramref name="axis"/> (what ASP does).</summary>
    public static float[] ZeroSmallestAlong(float[] values, long[] dims, int axis)
    {
        var result = (float[])values.Clone();
        long outer = dims.Take(axis).Aggregate(1L, (a, d) => a * d);
        long length = dims[axis];
        long inner = dims.Skip(axis + 1).Aggregate(1L, (a, d) => a * d);
        for (long o = 0; o < outer; o++)
        {
            for (long g = 0; g < length / 4; g++)
            {
                for (long i = 0; i < inner; i++)
                {
                    long[] group = Enumerable.Range(0, 4).Select(j => (((o * length) + (g * 4) + j) * inner) + i).ToArray();
                    foreach (long index in group.OrderBy(k => MathF.Abs(result[k])).Take(2))
                    {
                        result[index] = 0f;
                    }
                }
            }
        }

        return result;
    }
}
