using System.IO.Compression;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Tests.Evaluation;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Data;

public sealed class NpzSampleTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly IReadOnlyList<InputSpec> encoder;
    private readonly IReadOnlyList<InputSpec> mlp;

    public NpzSampleTests()
    {
        using var e = OnnxModel.FromProto(EvalModels.Encoder());
        using var m = OnnxModel.FromProto(EvalModels.Mlp());
        encoder = InputSpec.Of(e);
        mlp = InputSpec.Of(m);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadsCSharpWrittenFilesInNameOrderConvertingTypes()
    {
        Directory.CreateDirectory(temp.File("data"));
        for (int i = 0; i < 3; i++)
        {
            NpzTestWriter.Write(temp.File($"data/sample{i}.npz"),
                NpzTestWriter.Of("attention_mask", [1, 3], new[] { true, true, false }),
                NpzTestWriter.Of("input_ids", [1, 3], new[] { 101, 2000 + i, 102 }));
        }

        var samples = InputSamples.Read(temp.File("data"), encoder).ToArray();
        Assert.Equal(3, samples.Length);
        Assert.EndsWith("sample2.npz", samples[2].Source, StringComparison.Ordinal);
        var ids = samples[2].Find("input_ids")!;
        Assert.Equal(DataType.Int64, ids.ElementType);
        Assert.Equal([101L, 2002, 102], ids.AsSpan<long>().ToArray());
        Assert.Equal([1L, 1, 0], samples[0].Find("attention_mask")!.AsSpan<long>().ToArray());
    }

    [Fact]
    public void ReadsBigEndianAndFortranOrder()
    {
        double[] values = Enumerable.Range(0, 16).Select(i => (double)i).ToArray();
        byte[] bigEndian = values.SelectMany(v => BitConverter.GetBytes(v).Reverse()).ToArray();
        string single = NpzTestWriter.Write(temp.File("big.npz"), new NpzTestWriter.Array("x", ">f8", [1, 16], bigEndian));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), Assert.Single(InputSamples.Read(single, mlp)).Find("x")!.AsSpan<float>().ToArray());

        // Fortran order, shape (2, 16): element (r, c) is stored at c * 2 + r.
        float[] fortran = new float[32];
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 16; c++)
            {
                fortran[(c * 2) + r] = (r * 100) + c;
            }
        }

        string path = NpzTestWriter.Write(temp.File("f.npz"), NpzTestWriter.Of("x", [2, 16], fortran) with { Fortran = true });
        var x = Assert.Single(InputSamples.Read(path, mlp)).Find("x")!.AsSpan<float>().ToArray();
        Assert.Equal(15f, x[15]);
        Assert.Equal(100f, x[16]);
        Assert.Equal(115f, x[31]);
    }

    [Fact]
    public void ReadsNumpyWrittenFiles()
    {
        if (!Numpy.IsAvailable)
        {
            return; // the C# writer above covers the format
        }

        Numpy.Run("""
            import sys, numpy as np
            np.savez(sys.argv[1], input_ids=np.array([[101, 2345, 102]]), attention_mask=np.ones((1, 3), dtype=np.int64))
            np.savez_compressed(sys.argv[2], x=np.asfortranarray(np.arange(32, dtype=np.float64).reshape(2, 16)))
            """, temp.File("ids.npz"), temp.File("x.npz"));

        var ids = Assert.Single(InputSamples.Read(temp.File("ids.npz"), encoder));
        Assert.Equal([101L, 2345, 102], ids.Find("input_ids")!.AsSpan<long>().ToArray());
        var x = Assert.Single(InputSamples.Read(temp.File("x.npz"), mlp)).Find("x")!;
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (float)i), x.AsSpan<float>().ToArray());
    }

    [Fact]
    public void BadFilesGiveCodesNamingTheFileAndTensor()
    {
        var good = NpzTestWriter.Of("x", [1, 16], new float[16]);
        Expect(EvaluationDiagnosticCodes.MalformedSample, Write("notzip.npz", [1, 2, 3]), null, mlp);
        Expect(EvaluationDiagnosticCodes.UnknownSampleInput, NpzTestWriter.Write(temp.File("key.npz"), good with { Key = "y" }), "y", mlp);
        Expect(EvaluationDiagnosticCodes.MissingSampleInput, NpzTestWriter.Write(temp.File("none.npz"), NpzTestWriter.Of("input_ids", [1, 1], new long[1])), "attention_mask", encoder);
        Expect(EvaluationDiagnosticCodes.SampleSizeMismatch, NpzTestWriter.Write(temp.File("short.npz"), good with { Data = new byte[60] }), "x", mlp);
        Expect(EvaluationDiagnosticCodes.MalformedSample, NpzTestWriter.Write(temp.File("complex.npz"), good with { Descr = "<c8", Data = new byte[128] }), "x", mlp);
        Expect(EvaluationDiagnosticCodes.SampleShapeMismatch, NpzTestWriter.Write(temp.File("rank.npz"), good with { Shape = [16] }), "x", mlp);
        Expect(EvaluationDiagnosticCodes.SampleTypeMismatch, NpzTestWriter.Write(temp.File("float-ids.npz"),
            NpzTestWriter.Of("input_ids", [1, 1], new[] { 1.5f }), NpzTestWriter.Of("attention_mask", [1, 1], new long[] { 1 })), "input_ids", encoder);
        Expect(EvaluationDiagnosticCodes.SampleTypeMismatch, NpzTestWriter.Write(temp.File("range.npz"),
            NpzTestWriter.Of("input_ids", [1, 1], new long[] { 1 }), NpzTestWriter.Of("attention_mask", [1, 1], new[] { 1.0 })), "attention_mask", encoder);
        Expect(EvaluationDiagnosticCodes.MalformedSample, Write("header.npz", Zip("x.npy", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 4, 0, (byte)'{', (byte)'x', (byte)'}', (byte)'\n'])), "x", mlp);

        // A flipped data byte fails the CRC-32 check.
        byte[] stored = Zip("x.npy", NpzTestWriter.Npy(good), CompressionLevel.NoCompression);
        stored[FindData(stored)] ^= 0xFF;
        Expect(EvaluationDiagnosticCodes.MalformedSample, Write("crc.npz", stored), "x", mlp);
    }

    private static int FindData(byte[] zip)
    {
        // The npy header ends with '\n' followed by the 64 data bytes.
        int newline = Array.IndexOf(zip, (byte)'\n');
        return newline + 5;
    }

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(temp.File(name), bytes);
        return temp.File(name);
    }

    private static byte[] Zip(string entryName, byte[] content, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, level).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }

    private static void Expect(string code, string path, string? tensor, IReadOnlyList<InputSpec> inputs)
    {
        var error = Assert.Throws<SparseCompileException>(() => InputSamples.Read(path, inputs).ToArray());
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.FilePath);
        if (tensor is not null)
        {
            Assert.Equal(tensor, error.Subject);
        }
    }
}
