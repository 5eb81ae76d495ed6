using System.Globalization;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// The test apps' program until a typed class is used: each argument <c>File|name|input.bin|dims</c> or
/// <c>Resource|name|input.bin|dims</c> loads the model through SparseCompile.Runtime (beside the app or embedded), runs
/// it on CPU on the float32 input file and prints <c>name: v v v ...</c> (the first output, round-trip format).
/// </summary>
internal static class SessionProgram
{
    public const string Source = """
        using System.Globalization;
        using Microsoft.ML.OnnxRuntime;
        using SparseCompile.Runtime;

        foreach (string arg in args)
        {
            string[] part = arg.Split('|');
            var source = part[0] == "Resource"
                ? SparseModelSource.FromResource(typeof(Program).Assembly, part[1])
                : SparseModelSource.FromFile(Path.Combine(AppContext.BaseDirectory, part[1]));
            using var session = new SparseModelSession(source, new SparseModelOptions { Target = ExecutionTarget.Cpu });
            byte[] bytes = File.ReadAllBytes(part[2]);
            float[] input = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, input, 0, bytes.Length);
            long[] dims = part[3].Split(',').Select(long.Parse).ToArray();
            using var value = OrtValue.CreateTensorValueFromMemory(input, dims);
            using var outputs = session.Run(new Dictionary<string, OrtValue> { [session.InputNames[0]] = value });
            var first = outputs[session.OutputNames[0]].GetTensorDataAsSpan<float>().ToArray();
            Console.WriteLine(part[1] + ": " + string.Join(" ", first.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        """;

    /// <summary>The argument for one model run; writes the input file.</summary>
    public static string Argument(string kind, string name, string inputPath, float[] input, int[] dims)
    {
        byte[] bytes = new byte[input.Length * 4];
        Buffer.BlockCopy(input, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(inputPath, bytes);
        return $"{kind}|{name}|{inputPath}|{string.Join(",", dims)}";
    }

    /// <summary>The printed outputs by model name.</summary>
    public static Dictionary<string, float[]> Parse(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.Contains(": ", StringComparison.Ordinal))
        .Select(line => line.Split(": ", 2))
        .ToDictionary(p => p[0], p => p[1].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());
}
