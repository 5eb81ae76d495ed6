using SparseCompile.Cli.Tests.Support;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Commands;

/// <summary>
/// The catalogue of hostile inputs (<see cref="HostileInputs"/>) through <c>sparsec compile</c> as a real process: one
/// <c>error SCxxxx: &lt;file&gt;: &lt;what&gt;</c> line naming the tensor, exit code 1, no stack trace, nothing left in
/// the output folder. The inputs that are not errors (NaN/Inf weights: kept float with a warning; an unknown operator) compile.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static IEnumerable<object[]> Cases => HostileInputs.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompileReportsOneLineAndLeavesNothing(string name)
    {
        var hostile = HostileInputs.All[name];
        var files = HostileInputs.Write(hostile, Path.Combine(temp.Path, name));
        string output = Path.Combine(files.Root, "out");
        string[] args = ["compile", files.Model, "-o", output, "--compress"];
        if (files.Mask is not null)
        {
            args = [.. args, "--mask", files.Mask];
        }

        args = [.. args, .. hostile.Args ?? []];

        var result = SparsecProcess.Run(args);

        Assert.DoesNotContain(result.Stderr.Split('\n'), l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.True(hostile.ExitCode == result.ExitCode, $"exit code {result.ExitCode}, stderr:\n{result.Stderr}\nstdout:\n{result.Stdout}");
        if (hostile.ExitCode == 0)
        {
            AssertCompiled(hostile, files, output, result);
            return;
        }

        string file = hostile.BlamesMask ? files.Mask! : files.Model;
        string line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"error {hostile.Code}: {file}: ", line, StringComparison.Ordinal);
        if (hostile.Subject is not null)
        {
            Assert.Contains(hostile.Subject, line[$"error {hostile.Code}: {file}: ".Length..], StringComparison.Ordinal);
        }

        Assert.True(!Directory.Exists(output) || Directory.GetFileSystemEntries(output).Length == 0,
            "left behind: " + string.Join(", ", Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []));
        // No staging folder beside the output folder either.
        Assert.DoesNotContain(Directory.GetDirectories(files.Root), d => d != files.ModelFolder && d != output);
        Assert.Equal([files.Root], Directory.GetDirectories(Path.GetDirectoryName(files.Root)!));
    }

    private static void AssertCompiled(HostileCase hostile, HostileFiles files, string output, Sparsec.Result result)
    {
        string stem = Path.GetFileNameWithoutExtension(files.Model);
        foreach (string suffix in new[] { ".onnx", ".onnx.br", ".sparsemodel.json", ".report.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, stem + suffix)), stem + suffix);
        }

        using var model = OnnxModel.Load(Path.Combine(output, stem + ".onnx"));
        if (hostile.Code is { } warning)
        {
            // Only warnings; exactly one with the case's code, naming the tensor (a NaN weight also gets sparsify's SC2006).
            Assert.All(result.StderrLines, l => Assert.StartsWith("warning SC", l, StringComparison.Ordinal));
            string line = Assert.Single(result.StderrLines, l => l.StartsWith($"warning {warning}: ", StringComparison.Ordinal));
            Assert.Contains(hostile.Subject!, line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(string.Empty, result.Stderr);
        }

        // Every quantization scale is finite and positive, NaN weights or not (none with --quantize none).
        var scales = model.Proto.Graph.Initializer.Where(t => t.Name.EndsWith("_scale", StringComparison.Ordinal) && t.DataType == (int)DataType.Float).ToArray();
        Assert.Equal(hostile.Args is ["--quantize", "none"], scales.Length == 0);
        Assert.All(scales, s => Assert.All(model.ReadInitializer(s.Name).ToSingleArray(), v => Assert.True(float.IsFinite(v) && v > 0, $"{s.Name}: {v}")));

        if (hostile.Name == "nan-inf-weights")
        {
            // The NaN weight stays float; the other one is still quantized.
            Assert.Equal((int)DataType.Float, model.Graph.FindInitializer("w1")!.DataType);
            Assert.Contains(model.Proto.Graph.Initializer, t => t.DataType == (int)DataType.Int8);
        }

        if (hostile.Name == "unknown-operator")
        {
            var mystery = Assert.Single(model.Proto.Graph.Node, n => n.OpType == "Mystery");
            Assert.Equal("com.example", mystery.Domain);
            Assert.Contains(model.Proto.OpsetImport, o => o.Domain == "com.example");
            // Both weights around it were compiled to 2:4 INT8.
            var weights = PrunableWeightFinder.Find(model);
            Assert.Equal(2, weights.Count);
            Assert.All(weights, w => Assert.Equal(DataType.Int8, w.ElementType));
            Assert.All(weights, w => Assert.True(NMSparsityChecker.Check(model.ReadInitializer(w.Name), w.ReductionAxis, NMPattern.TwoFour).IsCompliant, w.Name));
        }
    }
}
