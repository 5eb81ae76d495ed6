using SparseCompile.Onnx.IO;

namespace SparseCompile.Testing.RealData;

/// <summary>
/// What the CNTK ResNet18 expects, read off ResNetPreprocess.onnx (shipped beside ResNet18.onnx): the
/// image as float planes R, G, B with values 0..255 ([1, 3, 224, 224], no scaling), reordered to B, G, R
/// (Split + Concat) minus a per-pixel mean image (Sub with the initializer MeanImage, BGR planes whose
/// channel means are about 103.1, 115.9 and 123.2).
/// </summary>
public static class ResNet18Preprocessing
{
    /// <summary>Width and height the model takes.</summary>
    public const int Size = 224;

    private const string MeanImageName = "MeanImage";
    private const int Plane = Size * Size;
    private static readonly Lazy<float[]> Mean = new(ReadMeanImage);

    /// <summary>The model input's dims: [1, 3, 224, 224].</summary>
    public static int[] Dims => [1, 3, Size, Size];

    /// <summary>ResNetPreprocess.onnx: input OriginalInput (RGB, 0..255), output PreprocessedInput.</summary>
    public static string PreprocessModelPath
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RealModels.ResNet18Path)!, "..", "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
            return File.Exists(path) ? path : throw new FileNotFoundException($"ResNetPreprocess.onnx not found at {path}; run 'dotnet restore'.", path);
        }
    }

    /// <summary>The mean image subtracted: [1, 3, 224, 224] in B, G, R plane order.</summary>
    public static ReadOnlySpan<float> MeanImage => Mean.Value;

    /// <summary>ResNet18's input for a 224x224 image: <see cref="Preprocess"/> of <see cref="ToPlanarRgb"/>.</summary>
    public static float[] Input(PngImage image) => Preprocess(ToPlanarRgb(image));

    /// <summary>The input of ResNetPreprocess.onnx: float [1, 3, 224, 224], planes R, G, B, values 0..255.</summary>
    public static float[] ToPlanarRgb(PngImage image)
    {
        if (image.Width != Size || image.Height != Size)
        {
            throw new ArgumentException($"ResNet18 takes {Size}x{Size} images, not {image.Width}x{image.Height}.", nameof(image));
        }

        var planes = new float[3 * Plane];
        for (int i = 0; i < Plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                planes[(c * Plane) + i] = image.Pixels[(i * image.Channels) + c];
            }
        }

        return planes;
    }

    /// <summary>Exactly what ResNetPreprocess.onnx computes: RGB planes to BGR planes, minus <see cref="MeanImage"/>.</summary>
    public static float[] Preprocess(ReadOnlySpan<float> planarRgb)
    {
        if (planarRgb.Length != 3 * Plane)
        {
            throw new ArgumentException($"Expected {3 * Plane} values ([1, 3, {Size}, {Size}]), got {planarRgb.Length}.", nameof(planarRgb));
        }

        var mean = MeanImage;
        var output = new float[3 * Plane];
        for (int c = 0; c < 3; c++)
        {
            var source = planarRgb.Slice((2 - c) * Plane, Plane);
            for (int i = 0; i < Plane; i++)
            {
                output[(c * Plane) + i] = source[i] - mean[(c * Plane) + i];
            }
        }

        return output;
    }

    private static float[] ReadMeanImage()
    {
        using var model = OnnxModel.Load(PreprocessModelPath);
        var tensor = model.Proto.Graph.Initializer.FirstOrDefault(t => t.Name == MeanImageName)
            ?? throw new InvalidDataException($"{PreprocessModelPath} has no initializer {MeanImageName}.");
        var values = model.ReadTensor(tensor).AsSpan<float>().ToArray();
        return values.Length == 3 * Plane
            ? values
            : throw new InvalidDataException($"{MeanImageName} has {values.Length} values; expected {3 * Plane}.");
    }
}
