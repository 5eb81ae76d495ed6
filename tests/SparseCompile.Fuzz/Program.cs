using System.Text;
using Google.Protobuf;
using SharpFuzz;
using SparseCompile.Fuzzing;
using SparseCompile.Onnx.Protos;

// Usage:
//   SparseCompile.Fuzz <target>                  run under afl-fuzz (SharpFuzz out-of-process, persistent)
//   SparseCompile.Fuzz <target> --libfuzzer      run under libfuzzer-dotnet
//   SparseCompile.Fuzz <target> <file|folder>... replay inputs once each (debugging a crash)
//   SparseCompile.Fuzz seeds <corpora folder>    (re)write the tiny seed files
// Targets: onnx, npz, npy, safetensors, pb, manifest, onnxmask.
var targets = new Dictionary<string, ReadOnlySpanAction>(StringComparer.Ordinal)
{
    ["onnx"] = OnnxFuzzTarget.Run,
    ["npz"] = CompilerFuzzTargets.Npz,
    ["npy"] = CompilerFuzzTargets.Npy,
    ["safetensors"] = CompilerFuzzTargets.SafeTensors,
    ["pb"] = CompilerFuzzTargets.Pb,
    ["onnxmask"] = CompilerFuzzTargets.OnnxMask,
    ["manifest"] = ManifestFuzzTarget.Run,
};

if (args.Length >= 2 && args[0] == "seeds")
{
    Seeds.Write(args[1]);
    return 0;
}

if (args.Length == 0 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: SparseCompile.Fuzz <" + string.Join('|', targets.Keys) + "> [--libfuzzer | files...] | seeds <folder>");
    return 2;
}

if (args.Length >= 2 && args[1] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(target);
    return 0;
}

if (args.Length >= 2)
{
    FuzzScratch.Expected = error => Console.WriteLine("  expected: " + error.Message);
    foreach (string file in args.Skip(1).SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a) : [a]))
    {
        Console.WriteLine(file);
        target(File.ReadAllBytes(file));
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;

/// <summary>The tiny seed inputs under tests/fuzz-corpora/&lt;target&gt;/seed-*.</summary>
internal static class Seeds
{
    public static void Write(string root)
    {
        void Put(string target, string name, byte[] bytes)
        {
            string folder = Path.Combine(root, target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        byte[] npyFloat = Npy("<f4", "(2, 4)", 8, 4);
        byte[] npyBool = Npy("|b1", "(4,)", 4, 1);
        byte[] npyInt = Npy("<i8", "(1, 3)", 3, 8);
        Put("npy", "seed-f4.npy", npyFloat);
        Put("npy", "seed-b1.npy", npyBool);
        Put("npz", "seed-stored.npz", Zip(System.IO.Compression.CompressionLevel.NoCompression, ("fc.weight.npy", npyFloat), ("x.npy", npyFloat)));
        Put("npz", "seed-deflate.npz", Zip(System.IO.Compression.CompressionLevel.Optimal, ("input_ids.npy", npyInt), ("mask.npy", npyBool)));
        Put("npz", "seed-sample.npz", Zip(System.IO.Compression.CompressionLevel.Fastest, ("x.npy", npyFloat), ("input_ids.npy", npyInt), ("mask.npy", npyBool)));
        Put("safetensors", "seed.safetensors", SafeTensors());
        Put("pb", "seed-raw.pb", RawTensor().ToByteArray());
        Put("pb", "seed-external.pb", ExternalTensor("input_0.pb.data").ToByteArray());
        Put("onnx", "seed-inline.onnx", Model(RawTensor()).ToByteArray());
        Put("onnx", "seed-external.onnx", Model(ExternalTensor("weights.bin")).ToByteArray());
        Put("onnxmask", "seed-inline.onnx", Model(RawTensor()).ToByteArray());
        Put("manifest", "seed.sparsemodel.json", Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":1,\"model\":{\"file\":\"m.onnx\"},\"inputs\":[{\"name\":\"x\",\"elementType\":\"FLOAT\",\"shape\":[\"batch\",4]}]," +
            "\"outputs\":[{\"name\":\"y\",\"elementType\":\"INT64\",\"shape\":null}],\"options\":{\"sparsity\":\"2:4\",\"quantization\":\"none\"},\"totals\":{\"parameters\":8}}"));
    }

    private static byte[] Npy(string descr, string shape, int count, int size)
    {
        string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.Add(1);
        bytes.Add(0);
        bytes.Add((byte)(header.Length & 0xff));
        bytes.Add((byte)(header.Length >> 8));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        for (int i = 0; i < count * size; i++)
        {
            bytes.Add(size == 4 && i % 4 == 3 ? (byte)0x3f : (byte)(i % 2));
        }

        return bytes.ToArray();
    }

    private static byte[] Zip(System.IO.Compression.CompressionLevel level, params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] SafeTensors()
    {
        string header = "{\"fc.weight\":{\"dtype\":\"BOOL\",\"shape\":[2,4],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},\"__metadata__\":{\"k\":\"v\"}}";
        while (header.Length % 8 != 0)
        {
            header += " ";
        }

        var bytes = new List<byte>(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange([1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]);
        return bytes.ToArray();
    }

    private static TensorProto RawTensor()
    {
        var tensor = new TensorProto { Name = "fc.weight", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[16]) };
        tensor.Dims.AddRange([2, 2]);
        return tensor;
    }

    private static TensorProto ExternalTensor(string location)
    {
        var tensor = new TensorProto { Name = "x", DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.Dims.AddRange([2, 4]);
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "64" });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = "32" });
        return tensor;
    }

    private static ModelProto Model(TensorProto initializer)
    {
        var graph = new GraphProto { Name = "g" };
        graph.Initializer.Add(initializer);
        graph.Input.Add(new ValueInfoProto { Name = "in", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        graph.Output.Add(new ValueInfoProto { Name = "out" });
        graph.Node.Add(new NodeProto { OpType = "MatMul", Input = { "in", initializer.Name }, Output = { "out" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }
}
