using System.Security.Cryptography;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Testing;

namespace SparseCompile.Cli.Tests.Commands;

/// <summary>
/// sparsec as a process gives byte-identical outputs with one processor or sixteen (DOTNET_PROCESSOR_COUNT) and under
/// another process culture (LANG/LC_ALL), with the inputs and outputs in different folders.
/// </summary>
public sealed class ProcessDeterminismTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void OneOrSixteenProcessorsAndAnotherCultureGiveIdenticalOutputs()
    {
        string inputs = Directory.CreateDirectory(Path.Combine(temp.Path, "inputs")).FullName;
        HostileInputs.WriteMlp(Path.Combine(inputs, "mlp.onnx"));
        File.WriteAllBytes(Path.Combine(inputs, "mask.npz"),
            HostileInputs.Npz(("w1", HostileInputs.Npy("|b1", "(16, 32)", Enumerable.Range(0, 512).Select(i => (byte)(i % 3 == 0 ? 0 : 1)).ToArray()))));

        var first = Compile(inputs, Path.Combine(temp.Path, "a"), new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1", ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8" });
        var second = Compile(inputs, Path.Combine(temp.Path, "b", "deeper"), new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "16", ["LANG"] = "tr_TR.UTF-8", ["LC_ALL"] = "tr_TR.UTF-8" });

        Assert.Equal(["mlp.onnx", "mlp.onnx.br", "mlp.report.html", "mlp.sparsemodel.json"], first.Keys);
        Assert.Equal(first, second);
    }

    // Copies the inputs into root/in and compiles them into root/out.
    private static SortedDictionary<string, string> Compile(string inputs, string root, Dictionary<string, string> environment)
    {
        string folder = Directory.CreateDirectory(Path.Combine(root, "in")).FullName;
        foreach (string file in Directory.GetFiles(inputs))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        string output = Path.Combine(root, "out");
        var result = SparsecProcess.Run(environment, "compile", Path.Combine(folder, "mlp.onnx"), "-o", output, "--mask", Path.Combine(folder, "mask.npz"), "--compress");

        Assert.True(result.ExitCode == 0, result.Stderr);
        return new(Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
    }
}
