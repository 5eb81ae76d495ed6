using System.Globalization;
using System.Text.RegularExpressions;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Reads samples in the ONNX model zoo layout: <c>&lt;dir&gt;/test_data_set_N/input_K.pb</c>, one serialized
/// TensorProto per input. A tensor feeds the input it names; an unnamed one feeds input K. Sets are read in
/// order of N, lazily, one at a time.
/// </summary>
internal static partial class ModelZooReader
{
    /// <summary>True when <paramref name="folder"/> holds test_data_set_N folders.</summary>
    public static bool Holds(string folder) => SetFolders(folder).Any();

    /// <summary>The samples of <paramref name="folder"/>, in order of N.</summary>
    public static IEnumerable<InputSample> Read(string folder, IReadOnlyList<InputSpec> inputs)
    {
        foreach (var (_, set) in SetFolders(folder).OrderBy(s => s.Index))
        {
            yield return ReadSet(set, inputs);
        }
    }

    private static InputSample ReadSet(string set, IReadOnlyList<InputSpec> inputs)
    {
        var files = Directory.EnumerateFiles(set, "input_*.pb")
            .Select(f => (Index: Index(InputFile(), Path.GetFileName(f)), Path: f))
            .Where(f => f.Index >= 0)
            .OrderBy(f => f.Index)
            .ToArray();
        var tensors = new SampleTensor?[inputs.Count];
        foreach (var (k, file) in files)
        {
            var tensor = PbTensorDecoder.Read(file);
            int slot = tensor.Name.Length > 0 ? IndexOf(inputs, tensor.Name) : (int)Math.Min(k, int.MaxValue);
            if (slot < 0)
            {
                throw SampleErrors.UnknownInput(file, tensor.Name, inputs);
            }

            if (slot >= inputs.Count)
            {
                throw new Onnx.Diagnostics.SparseCompileException(Diagnostics.EvaluationDiagnosticCodes.UnknownSampleInput, file,
                    $"the file is input {k}, but the model has only {inputs.Count} runtime inputs; name the tensor after its input");
            }

            if (tensors[slot] is not null)
            {
                throw SampleErrors.DuplicateInput(file, inputs[slot].Name);
            }

            tensors[slot] = SampleConformance.Conform(tensor.Rename(inputs[slot].Name), inputs[slot], file);
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            if (tensors[i] is null)
            {
                throw SampleErrors.MissingInput(set, inputs[i].Name);
            }
        }

        return new InputSample(set, tensors!);
    }

    private static int IndexOf(IReadOnlyList<InputSpec> inputs, string name)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            if (string.Equals(inputs[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<(long Index, string Path)> SetFolders(string folder) =>
        Directory.EnumerateDirectories(folder, "test_data_set_*")
            .Select(d => (Index: Index(SetFolder(), Path.GetFileName(d)), Path: d))
            .Where(d => d.Index >= 0);

    private static long Index(Regex pattern, string name)
    {
        var match = pattern.Match(name);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long index) ? index : -1;
    }

    [GeneratedRegex("^test_data_set_([0-9]{1,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex SetFolder();

    [GeneratedRegex("^input_([0-9]{1,18})\\.pb$", RegexOptions.CultureInvariant)]
    private static partial Regex InputFile();
}
