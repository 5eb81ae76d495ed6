using System.Globalization;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// A user's program written against the generated classes only: <c>Mlp</c> (from <c>Models/mlp.onnx</c>, default class
/// name and namespace) and <c>Demo.Text.MiniLM</c> (the real all-MiniLM-L6-v2 with ClassName and Namespace set). It calls
/// every run flavour and prints <c>label: v v v ...</c> lines; arguments are the input files and MiniLM's dims.
/// </summary>
internal static class TypedClassProgram
{
    public const string Source = """
        using System.Globalization;
        using Demo.Text;
        using SparseCompile.Runtime;

        var cpu = new SparseModelOptions { Target = ExecutionTarget.Cpu };
        float[] x = Read<float>(args[0]);
        using (var mlp = TypedApp.Mlp.Load(cpu))
        {
            var output = mlp.Run(x);
            Print("mlp.Run", output.Y.ToArray());
            Print("mlp.Run.shape", output.Y.Shape.Select(d => (float)d).ToArray());
            float[] y = new float[8];
            mlp.Run(x, y);
            Print("mlp.RunSpan", y);
            Print("mlp.RunAsync", (await mlp.RunAsync(x)).Y.ToArray());
            Console.WriteLine("provider: " + mlp.ExecutionProvider);
            try
            {
                mlp.Run(new float[15]);
            }
            catch (ArgumentException e)
            {
                Console.WriteLine("error: " + e.Message);
            }
        }

        using (var miniLM = MiniLM.Load(cpu))
        {
            int batch = int.Parse(args[4], CultureInfo.InvariantCulture);
            int sequence = int.Parse(args[5], CultureInfo.InvariantCulture);
            var output = miniLM.Run(Read<long>(args[1]), Read<long>(args[2]), Read<long>(args[3]), batch, sequence);
            Print("minilm.last_hidden_state", output.LastHiddenState.ToArray());
            Print("minilm.924", output.Output924.ToArray());
        }

        static T[] Read<T>(string path) where T : unmanaged =>
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(path)).ToArray();

        static void Print(string label, float[] values) =>
            Console.WriteLine(label + ": " + string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        """;

    /// <summary>Writes <paramref name="values"/> as raw little-endian bytes; returns the path.</summary>
    public static string WriteInput<T>(string path, T[] values) where T : unmanaged
    {
        File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        return path;
    }

    /// <summary>The printed <c>label: values</c> lines by label.</summary>
    public static Dictionary<string, float[]> Values(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.StartsWith("mlp.", StringComparison.Ordinal) || line.StartsWith("minilm.", StringComparison.Ordinal))
        .Select(line => line.Split(": ", 2))
        .ToDictionary(p => p[0], p => p[1].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());
}
