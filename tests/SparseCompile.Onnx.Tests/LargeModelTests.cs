using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;
using Xunit.Abstractions;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests;

/// <summary>The large model test runs alone: it needs a few GB of memory and disk for itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeModelCollection
{
    public const string Name = "Large models";
}

/// <summary>
/// A model with 2.25 GiB of weights (nine [8192, 8192] FLOAT MatMuls): Auto saves it with external data
/// by itself, every byte reads back, and ONNX Runtime runs it to the result a C# reference computes.
/// </summary>
[Collection(LargeModelCollection.Name)]
public sealed class LargeModelTests(ITestOutputHelper output)
{
    private const int Size = 8192;
    private const int Layers = 9;
    private const long TensorBytes = (long)Size * Size * sizeof(float);

    [Fact]
    [Trait("Category", "Slow")]
    public void ModelOver2GBIsSavedExternalReadBackAndRun()
    {
        RemoveLeftoversOfCrashedRuns();

        // Start from what the process really needs: earlier tests leave freed memory committed.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var clock = Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name)
        {
            using var process = Process.GetCurrentProcess();
            phases.Add($"{name} {clock.Elapsed.TotalSeconds:F1}s (working set after: {process.WorkingSet64 >> 20} MiB)");
            clock.Restart();
        }

        using var temp = new TempFolder("large");
        try
        {
            string path = temp.File("model", "large.onnx");
            float[] x = Enumerable.Range(0, Size).Select(i => Value(Layers, i) * 32).ToArray(); // within ±0.5

            BuildAndSave(path, temp, Phase);
            // Give the 2.25 GiB of arrays back to the system before the file is mapped and ONNX Runtime loads it.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Phase("collect");

            // Auto chose external data by itself: a small model file and one data file with every weight.
            Assert.Equal(["large.onnx", "large.onnx.data"], temp.FileNames(temp.File("model")));
            Assert.True(new FileInfo(path).Length < 64 * 1024, $"the model file is {new FileInfo(path).Length} bytes");
            Assert.True(new FileInfo(path + ".data").Length >= Layers * TensorBytes);
            var saved = TestModels.ReadProto(path);
            Assert.Equal(Layers, saved.Graph.Initializer.Count);
            Assert.All(saved.Graph.Initializer, t =>
            {
                var (location, offset, length) = TestModels.External(t);
                Assert.Equal("large.onnx.data", location);
                Assert.Equal(TensorBytes, length);
                Assert.Equal(0, offset % 65536);
            });

            float[] expected = VerifyEveryWeightAndCompute(path, x);
            Phase("load+verify+reference");

            var actual = OrtRunner.Run(path, new Dictionary<string, (float[], int[])> { ["x"] = (x, [1, Size]) })["y"];
            Phase("onnxruntime");

            Expect.Meaningful(expected, "reference output");
            Assert.Equal(Size, actual.Length);
            float scale = expected.Max(MathF.Abs);
            for (int j = 0; j < Size; j++)
            {
                Assert.True(MathF.Abs(actual[j] - expected[j]) <= 1e-4f * scale,
                    $"y[{j}] = {actual[j]:R} from ONNX Runtime, {expected[j]:R} from the reference (scale {scale})");
            }
        }
        finally
        {
            using var self = Process.GetCurrentProcess();
            string report = $"large model: {string.Join(", ", phases)}; peak working set {self.PeakWorkingSet64 / (1 << 20)} MiB";
            output.WriteLine(report);
            Console.WriteLine(report);
        }
    }

    // In a method of its own so the 2.25 GiB of arrays are unreachable once it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BuildAndSave(string path, TempFolder temp, Action<string> phase)
    {
        var builder = new OnnxBuilder(opset: 13);
        string h = builder.Input("x", DataType.Float, 1, Size);
        for (int layer = 0; layer < Layers; layer++)
        {
            h = builder.Node("MatMul", [h, $"w{layer}"]);
        }

        builder.Return(h, "y", DataType.Float, 1, Size);
        var proto = builder.Build();
        for (int layer = 0; layer < Layers; layer++)
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)TensorBytes);
            int l = layer;
            Parallel.For(0, Size, row => Fill(MemoryMarshal.Cast<byte, float>(bytes.AsSpan(row * Size * sizeof(float), Size * sizeof(float))), l, (long)row * Size));
            var tensor = new TensorProto { Name = $"w{layer}", DataType = (int)DataType.Float, Dims = { Size, Size } };
            tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes); // no copy of the 256 MiB
            proto.Graph.Initializer.Add(tensor);
        }

        using var model = OnnxModel.FromProto(proto);
        phase("build");

        // It cannot be one protobuf: the stream save and Never refuse before doing any work.
        long allocated = Expect.Allocations(() => model.ToByteArray(), out var thrown);
        Assert.Equal(DiagnosticCodes.CannotEmbed, Assert.IsType<SparseCompileException>(thrown).Code);
        Assert.True(allocated < 16 << 20, $"the refused stream save allocated {allocated} bytes");
        string never = temp.File("never", "large.onnx");
        Expect.Error(DiagnosticCodes.CannotEmbed, never, () => model.Save(never, new OnnxSaveOptions { ExternalData = ExternalDataMode.Never }));
        Assert.Empty(Directory.GetFileSystemEntries(temp.File("never")));

        model.Save(path); // Auto
        phase("save");
        Assert.All(model.Proto.Graph.Initializer, t => Assert.True(t.HasRawData)); // the model in memory is unchanged
    }

    private static float[] VerifyEveryWeightAndCompute(string path, float[] x)
    {
        using var model = OnnxModel.Load(path);

        // Refusals on the loaded model happen before anything is copied in.
        long allocated = Expect.Allocations(() => model.ToByteArray(), out var thrown);
        Assert.Equal(DiagnosticCodes.CannotEmbed, Assert.IsType<SparseCompileException>(thrown).Code);
        Assert.True(allocated < 16 << 20, $"the refused stream save of the loaded model allocated {allocated} bytes");

        var vector = x;
        var row = new float[Size];
        for (int layer = 0; layer < Layers; layer++)
        {
            var data = model.ReadInitializer($"w{layer}");
            Assert.Equal(TensorStorage.External, data.Storage);
            Assert.Equal([(long)Size, Size], data.Dims);
            var weights = data.AsSpan<float>();
            Assert.Equal((long)Size * Size, weights.Length);

            // A few values by hand, then every row against the generator while computing y = x · W.
            foreach (long index in new long[] { 0, 1, Size, (long)Size * Size / 2 + 12345, (long)Size * Size - 1 })
            {
                Assert.Equal(Value(layer, index), weights[(int)index]);
            }

            var next = new float[Size];
            for (int i = 0; i < Size; i++)
            {
                Fill(row, layer, (long)i * Size);
                var stored = weights.Slice(i * Size, Size);
                if (!MemoryMarshal.AsBytes(stored).SequenceEqual(MemoryMarshal.AsBytes(row.AsSpan())))
                {
                    Assert.Fail($"w{layer} row {i} holds other values than were saved");
                }

                Axpy(vector[i], stored, next);
            }

            vector = next;
        }

        return vector;
    }

    // next += a * row
    private static void Axpy(float a, ReadOnlySpan<float> row, Span<float> next)
    {
        var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
        var sums = MemoryMarshal.Cast<float, Vector<float>>(next);
        var factor = new Vector<float>(a);
        for (int k = 0; k < rows.Length; k++)
        {
            sums[k] += factor * rows[k];
        }

        for (int k = rows.Length * Vector<float>.Count; k < row.Length; k++)
        {
            next[k] += a * row[k];
        }
    }

    private static void Fill(Span<float> destination, int layer, long start)
    {
        for (int k = 0; k < destination.Length; k++)
        {
            destination[k] = Value(layer, start + k);
        }
    }

    /// <summary>
    /// Weight <paramref name="index"/> of <paramref name="layer"/>: a SplitMix64 hash of the position mapped to
    /// a multiple of 2^-13 in [-2^-6, 2^-6), small enough that nine layers of 8192-term sums stay near 1.
    /// </summary>
    private static float Value(int layer, long index)
    {
        ulong z = (ulong)index + ((ulong)(layer + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((int)(z >> 56) - 128) * (1f / 8192);
    }

    private static void RemoveLeftoversOfCrashedRuns()
    {
        string root = Path.Combine(Path.GetTempPath(), "sparsecompile-tests");
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (string folder in Directory.GetDirectories(root, "large-*"))
        {
            if (Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-2))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
