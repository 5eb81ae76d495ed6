using SparseCompile.Testing;
using System.IO.Compression;
using System.Text.Json;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>NpzWriter and NpyWriter: numpy reads what they write, bytes are deterministic, files appear atomically.</summary>
public sealed class NpzWriterTests : IDisposable
{
    // Prints, per key in file order: dtype, shape, C-contiguity and the keep flags as '0'/'1'.
    private const string NumpyDump = """
        import json, sys
        import numpy as np
        with np.load(sys.argv[1]) as z:
            out = [{'key': k, 'dtype': z[k].dtype.str, 'shape': list(z[k].shape),
                    'c': bool(z[k].flags.c_contiguous),
                    'keep': ''.join('1' if v else '0' for v in np.ravel(z[k]))} for k in z.files]
        print(json.dumps(out))
        """;

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static MaskSet SampleMasks() => new(null,
    [
        Mask("encoder.layer.0.attention.self.query.weight", [4, 6]),
        Mask("decoder/block.1.fc.weight", [2, 3, 4]),
        Mask("scalar", []),
        Mask("empty.weight", [0, 4]),
        Mask("fc.bias", [7]),
    ]);

    private static MaskTensor Mask(string key, long[] shape, int salt = 0)
    {
        int count = (int)shape.Aggregate(1L, (a, b) => a * b);
        return new MaskTensor(key, shape, Enumerable.Range(0, count).Select(i => MaskFixtures.FormulaKeep(i + salt)).ToArray());
    }

    [Theory]
    [InlineData(NpzCompression.Stored)]
    [InlineData(NpzCompression.Deflated)]
    public void RoundTripsThroughOurReader(NpzCompression compression)
    {
        var masks = SampleMasks();
        string path = temp.File("masks.npz");
        NpzWriter.Write(masks, path, compression);

        var read = MaskFileReader.Read(path);
        Assert.Equal(masks.Keys, read.Keys);
        foreach (var mask in masks)
        {
            MaskExpect.Mask(read[mask.Key], mask.Key, mask.ShapeArray(), mask.Keep);
        }
    }

    [Theory]
    [InlineData(NpzCompression.Stored, 0)]
    [InlineData(NpzCompression.Deflated, 8)]
    public void EntriesAreNpyFilesWithTheRequestedMethod(NpzCompression compression, int method)
    {
        string path = temp.File("masks.npz");
        NpzWriter.Write(SampleMasks(), path, compression);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(method, BitConverter.ToUInt16(bytes, 8)); // compression method of the first local header

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(SampleMasks().Keys.Select(k => k + ".npy"), zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void NpyEntriesAreByteIdenticalToNumpySave()
    {
        // bool_mask.npy is np.save of a (3, 4) bool array following the fixture formula.
        byte[] expected = File.ReadAllBytes(MaskFixtures.File("bool_mask.npy"));
        var mask = Mask("bool_mask", [3, 4]);

        using var buffer = new MemoryStream();
        NpyWriter.Write(mask, buffer);
        Assert.Equal(expected, buffer.ToArray());
        Assert.Equal(expected.Length, NpyWriter.ByteCount(mask));

        string path = temp.File("masks.npz");
        NpzWriter.Write(new MaskSet(null, [mask]), path, NpzCompression.Deflated);
        using var zip = ZipFile.OpenRead(path);
        using var entry = zip.Entries[0].Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        Assert.Equal(expected, copy.ToArray());
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 3, 0 })]
    [InlineData(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 })]
    public void HeadersAreAlignedTo64Bytes(long[] shape)
    {
        using var buffer = new MemoryStream();
        NpyWriter.Write(Mask("m", shape), buffer);
        byte[] bytes = buffer.ToArray();
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
        Assert.Equal(bytes.Length - 10 - headerLength, (int)shape.Aggregate(1L, (a, b) => a * b));
    }

    [Fact]
    public void NumpyReadsWhatWeWrite()
    {
        foreach (var compression in new[] { NpzCompression.Stored, NpzCompression.Deflated })
        {
            var masks = SampleMasks();
            string path = temp.File($"masks-{compression}.npz");
            NpzWriter.Write(masks, path, compression);
            if (!Numpy.IsAvailable)
            {
                // Without numpy, the byte-for-byte comparison with np.save output (above) stands in.
                Assert.Equal(masks.Keys, MaskFileReader.Read(path).Keys);
                continue;
            }

            using var dump = JsonDocument.Parse(Numpy.Run(NumpyDump, path));
            var entries = dump.RootElement.EnumerateArray().ToArray();
            Assert.Equal(masks.Keys, entries.Select(e => e.GetProperty("key").GetString()));
            foreach (var entry in entries)
            {
                var mask = masks[entry.GetProperty("key").GetString()!];
                Assert.Equal("|b1", entry.GetProperty("dtype").GetString());
                Assert.True(entry.GetProperty("c").GetBoolean());
                Assert.Equal(mask.Shape, entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
                Assert.Equal(string.Concat(mask.Keep.Select(k => k ? '1' : '0')), entry.GetProperty("keep").GetString());
            }
        }
    }

    [Fact]
    public void NumpyReadsAnNpyWeWrite()
    {
        var mask = Mask("conv1.weight", [4, 2, 3, 3]);
        string path = temp.File("conv1.weight.npy");
        NpyWriter.Write(mask, path);
        MaskExpect.Mask(MaskFileReader.Read(path)["conv1.weight"], "conv1.weight", [4, 2, 3, 3], mask.Keep);
        if (Numpy.IsAvailable)
        {
            string keep = Numpy.Run("import sys, numpy as np; a = np.load(sys.argv[1]); assert a.dtype == np.bool_ and a.shape == (4, 2, 3, 3); print(''.join('1' if v else '0' for v in a.ravel()))", path);
            Assert.Equal(string.Concat(mask.Keep.Select(k => k ? '1' : '0')), keep.Trim());
        }
    }

    [Theory]
    [InlineData(NpzCompression.Stored)]
    [InlineData(NpzCompression.Deflated)]
    public void TwoWritesAreByteIdentical(NpzCompression compression)
    {
        string first = temp.File("first.npz"), second = temp.File("second.npz");
        NpzWriter.Write(SampleMasks(), first, compression);
        NpzWriter.Write(SampleMasks(), second, compression);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));

        using var stream = new MemoryStream();
        NpzWriter.Write(SampleMasks(), stream, compression);
        Assert.Equal(File.ReadAllBytes(first), stream.ToArray());
    }

    [Fact]
    public void KeysKeepTheGivenOrder()
    {
        var masks = new MaskSet(null, [Mask("z", [1]), Mask("a", [1]), Mask("m", [1])]);
        string path = temp.File("masks.npz");
        NpzWriter.Write(masks, path);
        Assert.Equal(["z", "a", "m"], MaskFileReader.Read(path).Keys);
    }

    [Fact]
    public void OverwritesAtomicallyAndLeavesNoTemporaryFile()
    {
        string path = temp.File("masks.npz");
        File.WriteAllBytes(path, [1, 2, 3]);
        NpzWriter.Write(SampleMasks(), path);
        Assert.Equal(["masks.npz"], temp.FileNames());
        Assert.Equal(SampleMasks().Keys, MaskFileReader.Read(path).Keys);
    }

    [Fact]
    public void FailedWriteIsSC1114AndLeavesNothingBehind()
    {
        string path = Directory.CreateDirectory(temp.File("taken.npz")).FullName; // a folder is in the way
        MaskExpect.Error(MaskDiagnosticCodes.MaskWriteFailed, path, () => NpzWriter.Write(SampleMasks(), path));
        MaskExpect.Error(MaskDiagnosticCodes.MaskWriteFailed, path, () => NpyWriter.Write(Mask("m", [2]), path));
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void CreatesTheFolder()
    {
        string path = Path.Combine(temp.Path, "out", "deeper", "masks.npz");
        NpzWriter.Write(SampleMasks(), path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void WritesOneAndZeroWhateverTheBoolBytesHold()
    {
        bool[] keep = [true, false, true];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(keep.AsSpan())[2] = 7; // a "true" that is not 1
        using var buffer = new MemoryStream();
        NpyWriter.Write(new MaskTensor("m", [3], keep), buffer);
        Assert.Equal([1, 0, 1], buffer.ToArray()[^3..]);
    }

    [Fact]
    public void LargeMaskRoundTrips()
    {
        const int count = 5_000_003;
        var keep = new bool[count];
        for (int i = 0; i < count; i++)
        {
            keep[i] = i % 11 is 0 or 4;
        }

        var masks = new MaskSet(null, [new MaskTensor("big", [count], keep)]);
        string path = temp.File("big.npz");
        NpzWriter.Write(masks, path, NpzCompression.Deflated);
        Assert.Equal(keep, MaskFileReader.Read(path)["big"].Keep);
    }
}
