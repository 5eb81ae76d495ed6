using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Determinism;

/// <summary>
/// The same inputs compile to byte-identical outputs (model, .onnx.br, manifest, report) wherever the inputs and outputs
/// live, whatever the compiling thread's culture, and however many threads the compile gets: the first compile runs on
/// the test thread with the machine's parallelism, the second inside a task on a scheduler that runs one task at a
/// time (so any Parallel loop or task the compile starts on the current scheduler gets one thread; calibration's ONNX
/// Runtime sessions pin their own thread count). The manifest records the SHA-256 of every input, checked against hashes
/// computed here. sparsec under another processor count (DOTNET_PROCESSOR_COUNT) is checked in the CLI tests.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SC_KEEP_DETERMINISM") is null)
        {
            folder.Dispose();
        }
    }

    [Fact]
    public void BuilderMlpWithDynamicInt8TwoFourAndAMask()
    {
        string inputs = Directory.CreateDirectory(folder.File("inputs")).FullName;
        using (var model = QuantModels.Mlp())
        {
            model.Save(Path.Combine(inputs, "mlp.onnx"));
        }

        var keep = Enumerable.Range(0, 64 * 48).Select(i => i % 5 != 0).ToArray();
        string mask = Path.Combine(inputs, "mlp-mask.npz");
        NpzWriter.Write(new MaskSet(mask, [new MaskTensor("fc1.weight", [64, 48], keep)]), mask);

        CompileTwiceAndCompare(inputs, "mlp.onnx", "invariant", "tr-TR", (model, outDir) => new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = outDir,
            MaskPath = Path.Combine(Path.GetDirectoryName(model)!, "mlp-mask.npz"),
            Compress = true,
        }, expectedRoles: ["model", "mask"]);
    }

    [Fact]
    public void BuilderCnnWithStaticInt8Calibrated()
    {
        string inputs = Directory.CreateDirectory(folder.File("inputs")).FullName;
        using (var model = StaticModels.Cnn())
        {
            model.Save(Path.Combine(inputs, "cnn.onnx"));
        }

        CalibrationFolder.Write(Path.Combine(inputs, "calibration"), "x", [StaticModels.Batch, StaticModels.Channels, StaticModels.Side, StaticModels.Side],
            StaticModels.CnnInputs(4, seed: 5));

        CompileTwiceAndCompare(inputs, "cnn.onnx", "de-DE", "ar-SA", (model, outDir) => new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = outDir,
            Compress = true,
            Quantization = new QuantizationOptions { Mode = QuantizationMode.Static, CalibrationPath = Path.Combine(Path.GetDirectoryName(model)!, "calibration") },
        }, expectedRoles: ["model", "calibration"]);
    }

    [Fact]
    public void MiniLMWithDynamicInt8()
    {
        string inputs = Directory.CreateDirectory(folder.File("inputs")).FullName;
        File.Copy(RealModels.MiniLMPath, Path.Combine(inputs, "model.onnx"));

        CompileTwiceAndCompare(inputs, "model.onnx", "tr-TR", "de-DE", (model, outDir) => new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = outDir,
            Compress = true,
        }, expectedRoles: ["model"]);
    }

    [Fact]
    public void ResNet18WithStaticInt8CalibratedOnPhotos()
    {
        string inputs = Directory.CreateDirectory(folder.File("inputs")).FullName;
        File.Copy(RealModels.ResNet18Path, Path.Combine(inputs, "ResNet18.onnx"));
        CalibrationFolder.Write(Path.Combine(inputs, "photos"), "Input247", [1, 3, 224, 224], Photos.Calibration.Take(3).Select(Photos.ResNet18Input));

        CompileTwiceAndCompare(inputs, "ResNet18.onnx", "ar-SA", "invariant", (model, outDir) => new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = outDir,
            Compress = true,
            Quantization = new QuantizationOptions { Mode = QuantizationMode.Static, CalibrationPath = Path.Combine(Path.GetDirectoryName(model)!, "photos") },
        }, expectedRoles: ["model", "calibration"]);
    }

    // Copies the inputs to two folders at different depths, compiles each copy into its own output folder under its own
    // culture (the second on one thread), and compares every output file's SHA-256.
    private void CompileTwiceAndCompare(string inputs, string modelName, string cultureA, string cultureB,
        Func<string, string, CompileOptions> options, string[] expectedRoles)
    {
        string copyA = CopyTree(inputs, folder.File("a"));
        string copyB = CopyTree(inputs, Path.Combine(folder.Path, "b", "deeper", "ünïcode folder"));
        var optionsA = options(Path.Combine(copyA, modelName), folder.File("out-a"));
        var optionsB = options(Path.Combine(copyB, modelName), Path.Combine(folder.Path, "elsewhere", "out-b"));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = WithCulture(cultureA, () => SparseCompiler.Compile(optionsA));
        var elapsedA = clock.Elapsed;
        var oneThread = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler;
        var task = Task.Factory.StartNew(() => WithCulture(cultureB, () => SparseCompiler.Compile(optionsB)),
            CancellationToken.None, TaskCreationOptions.None, oneThread);
        Assert.True(task.Wait(Limit), $"the one-thread compile ran over {Limit}");
        var second = task.Result;
        output.WriteLine($"{modelName}: {cultureA} (all threads) {elapsedA.TotalSeconds:F1} s, {cultureB} (one thread) {(clock.Elapsed - elapsedA).TotalSeconds:F1} s");

        var hashesA = OutputHashes(optionsA.OutputDirectory);
        var hashesB = OutputHashes(optionsB.OutputDirectory);
        string stem = Path.GetFileNameWithoutExtension(modelName);
        Assert.Equal(new[] { ".onnx", ".onnx.br", ".report.html", ".sparsemodel.json" }.Select(s => stem + s).Order(StringComparer.Ordinal), hashesA.Keys);
        Assert.Equal(hashesA, hashesB);
        Assert.Equal(Path.GetFileName(first.ModelPath), Path.GetFileName(second.ModelPath));

        AssertManifestHashesInputs(first.ManifestPath, copyA, modelName, expectedRoles, optionsA);
    }

    private static void AssertManifestHashesInputs(string manifestPath, string inputs, string modelName, string[] expectedRoles, CompileOptions options)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var sources = manifest.RootElement.GetProperty("sources").EnumerateArray()
            .Select(s => (Role: s.GetProperty("role").GetString()!, File: s.GetProperty("file").GetString()!, Bytes: s.GetProperty("bytes").GetInt64(), Sha256: s.GetProperty("sha256").GetString()!))
            .ToArray();
        Assert.Equal(expectedRoles, sources.Select(s => s.Role).Distinct());

        var expected = new List<(string Role, string File, string Path)> { ("model", modelName, Path.Combine(inputs, modelName)) };
        if (options.MaskPath is { } mask)
        {
            expected.Add(("mask", Path.GetFileName(mask), mask));
        }

        if (options.Quantization.CalibrationPath is { } calibration)
        {
            expected.AddRange(Directory.EnumerateFiles(calibration, "*.pb", SearchOption.AllDirectories)
                .Select(f => ("calibration", Path.GetRelativePath(calibration, f).Replace('\\', '/'), f)));
        }

        Assert.Equal(expected.Select(e => (e.Role, e.File)).Order(), sources.Select(s => (s.Role, s.File)).Order());
        foreach (var (role, file, path) in expected)
        {
            var source = sources.Single(s => s.Role == role && s.File == file);
            Assert.Equal(Sha256(path), source.Sha256);
            Assert.Equal(new FileInfo(path).Length, source.Bytes);
        }
    }

    private static SortedDictionary<string, string> OutputHashes(string outputFolder) =>
        new(Directory.EnumerateFileSystemEntries(outputFolder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(outputFolder, f), f => Directory.Exists(f) ? "folder" : Sha256(f)), StringComparer.Ordinal);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    private static T WithCulture<T>(string name, Func<T> action)
    {
        var culture = name == "invariant" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        var (savedCulture, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    private static string CopyTree(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
