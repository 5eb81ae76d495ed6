namespace SparseCompile.Fuzzing;

/// <summary>
/// A scratch folder per process for the fuzz targets: readers that take a path get the input written to a file here.
/// The folder is emptied before each input, so one input never sees another's files.
/// </summary>
internal static class FuzzScratch
{
    /// <summary>The bytes every target writes as a sibling external data file, so location/offset/length resolve.</summary>
    public static readonly byte[] ExternalBytes = MakeExternalBytes();

    /// <summary>Told of each expected failure (the harness's replay mode prints them); null while fuzzing.</summary>
    public static Action<Exception>? Expected { get; set; }

    /// <summary>An empty folder private to this process and thread.</summary>
    public static string Fresh()
    {
        string root = Path.Combine(Path.GetTempPath(), string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"sc-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}"));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>Writes <paramref name="data"/> as <paramref name="name"/> in a fresh folder, with external data files beside it.</summary>
    public static string Write(ReadOnlySpan<byte> data, string name)
    {
        string folder = Fresh();
        foreach (string sibling in new[] { "weights.bin", "model.onnx.data", "data", "input_0.pb.data" })
        {
            File.WriteAllBytes(Path.Combine(folder, sibling), ExternalBytes);
        }

        string path = Path.Combine(folder, name);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            file.Write(data);
        }

        return path;
    }

    private static byte[] MakeExternalBytes()
    {
        var bytes = new byte[4096];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 37 + 11);
        }

        return bytes;
    }
}
