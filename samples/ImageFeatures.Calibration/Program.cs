using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

// Usage: ImageFeatures.Calibration <photos folder> <output folder>
// Writes <output>/test_data_set_N/input_0.pb for each calibration photo (Photos.Calibration, in order), then
// <output>/photos.txt listing them: the file the build checks, written last so an interrupted run is redone.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: ImageFeatures.Calibration <photos folder> <output folder>");
    return 2;
}

string photos = Path.GetFullPath(args[0]);
string output = Path.GetFullPath(args[1]);
string input;
using (var model = OnnxModel.Load(RealModels.ResNet18Path))
{
    input = model.Proto.Graph.Input.First(i => model.Proto.Graph.Initializer.All(t => t.Name != i.Name)).Name;
}

if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

var index = new List<string>();
for (int i = 0; i < Photos.Calibration.Count; i++)
{
    string name = Photos.Calibration[i];
    float[] values = ResNet18Preprocessing.Input(PngDecoder.Decode(Path.Combine(photos, name + ".png")));
    string set = Directory.CreateDirectory(Path.Combine(output, $"test_data_set_{i}")).FullName;
    var tensor = TensorFactory.Create<float>(input, [1, 3, ResNet18Preprocessing.Size, ResNet18Preprocessing.Size], values);
    File.WriteAllBytes(Path.Combine(set, "input_0.pb"), tensor.ToByteArray());
    index.Add($"test_data_set_{i} {name}.png");
}

File.WriteAllLines(Path.Combine(output, "photos.txt"), index);
Console.WriteLine($"ImageFeatures.Calibration: {index.Count} calibration photos → {output}");
return 0;
