namespace SparseCompile.Testing.RealData;

/// <summary>
/// Eight real photographs (public domain or CC0, from scikit-image's sample data; see
/// tests/fixtures/real-data/photos/LICENSES.md), 224x224 RGB PNG, split into a fixed calibration set
/// (5) and a held-out set (3) for quantization fidelity tests.
/// </summary>
public static class Photos
{
    /// <summary>Photos to calibrate on.</summary>
    public static IReadOnlyList<string> Calibration { get; } = ["astronaut", "coffee", "retina", "hubble_deep_field", "camera"];

    /// <summary>Photos never calibrated on, to measure fidelity.</summary>
    public static IReadOnlyList<string> Holdout { get; } = ["chelsea", "rocket", "immunohistochemistry"];

    /// <summary>Every photo: the calibration set, then the held-out set.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Calibration, .. Holdout];

    /// <summary>The PNG file of a photo, by name (as in <see cref="All"/>).</summary>
    public static string PathOf(string name) => RealDataFiles.Find("photos", name + ".png");

    /// <summary>Decodes a photo (224x224 RGB).</summary>
    public static PngImage Load(string name) => PngDecoder.Decode(PathOf(name));

    /// <summary>ResNet18's input for a photo: float [1, 3, 224, 224], preprocessed as ResNetPreprocess.onnx does.</summary>
    public static float[] ResNet18Input(string name) => ResNet18Preprocessing.Input(Load(name));
}
