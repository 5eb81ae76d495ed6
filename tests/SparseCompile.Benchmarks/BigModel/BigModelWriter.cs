using System.Globalization;
using Google.Protobuf;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Benchmarks.BigModel;

/// <summary>
/// Writes a model with more FP32 weight bytes than fit a protobuf twice over, without holding them: y = Σᵢ x·Wᵢ over
/// <c>layers</c> [4096, 4096] weights, every one in external data, generated and written one at a time. The weights are
/// seeded Gaussian values (σ = 1/√4096), so a rerun writes the same bytes.
/// </summary>
internal static class BigModelWriter
{
    public const int Hidden = 4096;
    public const long TensorBytes = (long)Hidden * Hidden * sizeof(float);

    /// <summary>Writes <paramref name="path"/> and <c>path.data</c>; returns the weight bytes written.</summary>
    public static long Write(string path, int layers)
    {
        string dataName = Path.GetFileName(path) + ".data";
        var graph = new GraphProto { Name = "big" };
        graph.Input.Add(Value("x", "batch"));
        graph.Output.Add(Value("y", "batch"));
        var sum = new NodeProto { OpType = "Sum", Name = "sum", Output = { "y" } };
        var values = new float[Hidden * Hidden];
        var random = new GaussianStream(20251125);
        using (var data = new FileStream(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (int i = 0; i < layers; i++)
            {
                random.Fill(values, 1 / MathF.Sqrt(Hidden));
                long offset = data.Position;
                data.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
                string weight = $"layer{i}.weight";
                graph.Initializer.Add(External(weight, dataName, offset));
                graph.Node.Add(new NodeProto { OpType = "MatMul", Name = $"layer{i}", Input = { "x", weight }, Output = { $"h{i}" } });
                sum.Input.Add($"h{i}");
            }
        }

        graph.Node.Add(sum);
        var model = new ModelProto { IrVersion = 8, ProducerName = "SparseCompile.Benchmarks big-model", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        File.WriteAllBytes(path, model.ToByteArray());
        return layers * TensorBytes;
    }

    private static TensorProto External(string name, string location, long offset)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.Dims.AddRange([Hidden, Hidden]);
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = TensorBytes.ToString(CultureInfo.InvariantCulture) });
        return tensor;
    }

    private static ValueInfoProto Value(string name, string batch)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = Hidden });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary>Seeded normal values from xorshift64* and Box–Muller: fast enough for a billion weights, the same on every machine.</summary>
    private sealed class GaussianStream(ulong seed)
    {
        private ulong state = seed;

        public void Fill(float[] values, float sigma)
        {
            for (int i = 0; i + 1 < values.Length; i += 2)
            {
                double u1 = (Next() + 1.0) / (1UL << 53);
                double u2 = Next() / (double)(1UL << 53);
                double radius = Math.Sqrt(-2 * Math.Log(u1)) * sigma;
                values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }

        private ulong Next()
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return (state * 0x2545F4914F6CDD1DUL) >> 11;
        }
    }
}
