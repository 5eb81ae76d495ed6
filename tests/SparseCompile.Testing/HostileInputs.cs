using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Testing;

/// <summary>
/// A catalogue of hostile inputs for end-to-end tests (sparsec as a process, a real <c>dotnet build</c>): each case writes
/// a model (and perhaps a mask) into a folder of its own and says what a compile must report. The model is
/// x [1, 16] → MatMul w1 [16, 32] → Relu → MatMul w2 [32, 8] → y [1, 8], broken in one way per case.
/// </summary>
public static class HostileInputs
{
    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, HostileCase> All { get; } = new HostileCase[]
    {
        new("empty-file", "SC1002", Model: "empty.onnx", Write: f => File.WriteAllBytes(f.Model, [])),
        new("truncated-model", "SC1003", Model: "truncated.onnx", Write: f =>
        {
            byte[] bytes = MlpBytes();
            File.WriteAllBytes(f.Model, bytes[..(bytes.Length / 2)]);
        }),
        new("random-bytes", "SC1003", Model: "random.onnx", Write: f =>
        {
            var bytes = new byte[4096];
            new Random(7).NextBytes(bytes);
            File.WriteAllBytes(f.Model, bytes);
        }),
        new("absurd-declared-length", "SC1003", Model: "absurd-length.onnx", Write: f =>
        {
            // ir_version 8, then the graph field (7, length-delimited) declaring 2 GiB - 1 bytes, followed by 3.
            File.WriteAllBytes(f.Model, [0x08, 0x08, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3]);
        }),
        new("external-data-dotdot", "SC1011", Subject: "w1", Write: f => ExternalModel(f, t => Set(t, "location", "../model.onnx.data"), copyDataUp: true)),
        new("external-data-absolute", "SC1011", Subject: "w1", Write: f => ExternalModel(f, t => Set(t, "location", "/etc/passwd"))),
        new("external-data-symlink-outside", "SC1011", Subject: "w1", Write: f => ExternalModel(f, t =>
        {
            string outside = Path.Combine(f.Root, "outside.data");
            File.Copy(Path.Combine(f.ModelFolder, "model.onnx.data"), outside);
            File.CreateSymbolicLink(Path.Combine(f.ModelFolder, "link.data"), outside);
            Set(t, "location", "link.data");
        })),
        new("external-data-offset-past-end", "SC1012", Subject: "w1", Write: f => ExternalModel(f, t => Set(t, "offset", "1000000"))),
        new("npz-zip-bomb", "SC1106", Mask: "bomb.npz", Subject: "w1", Write: f =>
        {
            WriteMlp(f.Model);
            File.WriteAllBytes(f.Mask!, ZipBomb("w1.npy", Npy("|b1", "(16, 32)", new byte[16 * 32])));
        }),
        new("npy-absurd-shape", "SC1111", Mask: "absurd.npy", Write: f =>
        {
            WriteMlp(f.Model);
            File.WriteAllBytes(f.Mask!, Npy("|b1", "(4000000000, 4000000000)", new byte[16]));
        }),
        new("mask-wrong-shape", "SC1122", Mask: "wrong-shape.npz", Subject: "w1", Write: f =>
        {
            WriteMlp(f.Model);
            File.WriteAllBytes(f.Mask!, Npz(("w1", Npy("|b1", "(16, 16)", Ones(16 * 16)))));
        }),
        new("mask-wrong-dtype", "SC1103", Mask: "wrong-dtype.npz", Subject: "w1", Write: f =>
        {
            WriteMlp(f.Model);
            File.WriteAllBytes(f.Mask!, Npz(("w1", Npy("<c8", "(16, 32)", new byte[16 * 32 * 8]))));
        }),
        new("mask-unknown-key", "SC1120", Mask: "unknown-key.npz", Subject: "encoder.w9", Write: f =>
        {
            WriteMlp(f.Model);
            File.WriteAllBytes(f.Mask!, Npz(("encoder.w9", Npy("|b1", "(16, 32)", Ones(16 * 32)))));
        }),
        new("duplicate-initializer", "SC1042", Subject: "w1", Write: f =>
        {
            var proto = MlpProto();
            var copy = proto.Graph.Initializer.First(t => t.Name == "w1").Clone();
            proto.Graph.Initializer.Add(copy);
            File.WriteAllBytes(f.Model, proto.ToByteArray());
        }),
        new("graph-cycle", "SC1040", Write: f =>
        {
            // h = MatMul(x + r, w1), r = Relu(h): the Add reads what the Relu writes after it.
            var b = new OnnxBuilder(13, seed: 1);
            b.Input("x", DataType.Float, 1, 16);
            b.RandomInitializer("w1", [16, 16]);
            b.Node("Add", ["x", "r"], "s");
            b.Node("MatMul", ["s", "w1"], "h");
            b.Node("Relu", ["h"], "r");
            b.Output("h", DataType.Float, 1, 16);
            File.WriteAllBytes(f.Model, b.Build().ToByteArray());
        }),
        // A NaN or infinite weight is a warning, never a NaN scale: quantization leaves it in float (SC2008) and quantizes
        // the rest; with --quantize none, or excluded from the compile, it is SC2006, and the model compiles either way.
        new("nan-inf-weights", "SC2008", ExitCode: 0, Subject: "w1", Write: f => WriteNonFinite(f.Model)),
        new("nan-inf-weights-float", "SC2006", ExitCode: 0, Subject: "w1", Args: ["--quantize", "none"], Write: f => WriteNonFinite(f.Model)),
        new("nan-inf-weights-excluded", "SC2006", ExitCode: 0, Subject: "w1", Args: ["--exclude", "w1"], Write: f => WriteNonFinite(f.Model)),
        new("unknown-operator", null, ExitCode: 0, Write: f =>
        {
            // x → MatMul w1 → com.example:Mystery → MatMul w2 → y.
            var b = new OnnxBuilder(13, seed: 1);
            string x = b.Input("x", DataType.Float, 1, 16);
            string h = b.MatMul(x, 16, 32, "w1");
            b.Node("Mystery", [h], "m");
            string y = b.MatMul("m", 32, 8, "w2");
            b.Return(y, "y", DataType.Float, 1, 8);
            var proto = b.Build();
            var mystery = proto.Graph.Node.First(n => n.OpType == "Mystery");
            mystery.Domain = "com.example";
            mystery.Name = "mystery";
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.example", Version = 1 });
            File.WriteAllBytes(f.Model, proto.ToByteArray());
        }),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The case names, for a theory's member data.</summary>
    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>The valid model, as bytes.</summary>
    public static byte[] MlpBytes() => MlpProto().ToByteArray();

    /// <summary>Writes the valid model.</summary>
    public static void WriteMlp(string path) => File.WriteAllBytes(path, MlpBytes());

    private static void WriteNonFinite(string path)
    {
        var proto = MlpProto();
        var w1 = proto.Graph.Initializer.First(t => t.Name == "w1");
        var values = new float[16 * 32];
        Buffer.BlockCopy(w1.RawData.ToByteArray(), 0, values, 0, values.Length * 4);
        values[3] = float.NaN;
        values[40] = float.PositiveInfinity;
        values[77] = float.NegativeInfinity;
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        w1.RawData = ByteString.CopyFrom(raw);
        File.WriteAllBytes(path, proto.ToByteArray());
    }

    private static ModelProto MlpProto()
    {
        var b = new OnnxBuilder(13, seed: 1);
        string x = b.Input("x", DataType.Float, 1, 16);
        string h = b.Relu(b.MatMul(x, 16, 32, "w1"));
        h = b.MatMul(h, 32, 8, "w2");
        b.Return(h, "y", DataType.Float, 1, 8);
        return b.Build();
    }

    // The model with its weights in model.onnx.data, then w1's external data entry changed.
    private static void ExternalModel(HostileFiles f, Action<TensorProto> change, bool copyDataUp = false)
    {
        string path = Path.Combine(f.ModelFolder, "model.onnx");
        using (var model = OnnxModel.FromProto(MlpProto()))
        {
            model.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        if (copyDataUp)
        {
            // The escape target exists, so it is the path rule and not a missing file that stops it.
            File.Copy(Path.Combine(f.ModelFolder, "model.onnx.data"), Path.Combine(f.Root, "model.onnx.data"));
        }

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        change(proto.Graph.Initializer.First(t => t.Name == "w1"));
        File.WriteAllBytes(path, proto.ToByteArray());
    }

    private static void Set(TensorProto tensor, string key, string value)
    {
        var entry = tensor.ExternalData.FirstOrDefault(e => e.Key == key);
        if (entry is null)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        else
        {
            entry.Value = value;
        }
    }

    private static byte[] Ones(int count) => Enumerable.Repeat((byte)1, count).ToArray();

    /// <summary>A .npy 1.0 file: magic, version, header length, the dict literal padded to 64 bytes, the data.</summary>
    public static byte[] Npy(string descr, string shape, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int unpadded = 10 + dict.Length + 1;
        string header = dict + new string(' ', ((unpadded + 63) / 64 * 64) - unpadded) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>A .npz: one deflated .npy entry per key, with a fixed timestamp.</summary>
    public static byte[] Npz(params (string Key, byte[] Npy)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (key, npy) in entries)
            {
                var entry = zip.CreateEntry(key + ".npy", CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero); // the same bytes every time
                using var data = entry.Open();
                data.Write(npy);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A .npz whose one entry declares 4 GiB - 1 bytes uncompressed (in the local and the central header) for some
    /// hundred bytes of deflate data: far beyond what deflate can expand to.
    /// </summary>
    public static byte[] ZipBomb(string entryName, byte[] npy)
    {
        byte[] zip = Npz((Path.GetFileNameWithoutExtension(entryName), npy));
        for (int i = 0; i + 4 <= zip.Length; i++)
        {
            uint signature = BitConverter.ToUInt32(zip, i);
            int sizeField = signature switch
            {
                0x04034B50 => i + 22, // local file header: uncompressed size
                0x02014B50 => i + 24, // central directory header: uncompressed size
                _ => -1,
            };
            if (sizeField >= 0)
            {
                BitConverter.GetBytes(0xFFFFFFFEu).CopyTo(zip, sizeField);
            }
        }

        return zip;
    }

    /// <summary>Writes the case's files under <paramref name="root"/> (model in root/model, nothing else there).</summary>
    public static HostileFiles Write(HostileCase hostile, string root)
    {
        string modelFolder = Directory.CreateDirectory(Path.Combine(root, "model")).FullName;
        var files = new HostileFiles(Path.GetFullPath(root), modelFolder, Path.Combine(modelFolder, hostile.Model),
            hostile.Mask is null ? null : Path.Combine(modelFolder, hostile.Mask));
        hostile.Write(files);
        return files;
    }
}

/// <summary>
/// One hostile input: its expected code (null: none) and exit code, the tensor the message must name, and any extra
/// <c>sparsec compile</c> arguments.
/// </summary>
public sealed record HostileCase(string Name, string? Code, Action<HostileFiles> Write, int ExitCode = 1,
    string Model = "model.onnx", string? Mask = null, string? Subject = null, string[]? Args = null)
{
    /// <summary>True when the error is about the mask file rather than the model.</summary>
    public bool BlamesMask => Mask is not null && ExitCode != 0;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Where a case's files are: <see cref="Root"/> holds <see cref="ModelFolder"/> (and files meant to be outside it).</summary>
public sealed record HostileFiles(string Root, string ModelFolder, string Model, string? Mask);
