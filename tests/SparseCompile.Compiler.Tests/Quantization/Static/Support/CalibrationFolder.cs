using Google.Protobuf;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>Writes calibration samples the way the model zoo stores test data: test_data_set_N/input_0.pb, one TensorProto each.</summary>
internal static class CalibrationFolder
{
    /// <summary>Writes one sample per array of <paramref name="samples"/>, for the input <paramref name="input"/> of shape <paramref name="dims"/>.</summary>
    public static string Write(string folder, string input, long[] dims, IEnumerable<float[]> samples)
    {
        Directory.CreateDirectory(folder);
        int i = 0;
        foreach (var values in samples)
        {
            string set = Path.Combine(folder, $"test_data_set_{i++}");
            Directory.CreateDirectory(set);
            File.WriteAllBytes(Path.Combine(set, "input_0.pb"), TensorFactory.Create<float>(input, dims, values).ToByteArray());
        }

        return folder;
    }
}
