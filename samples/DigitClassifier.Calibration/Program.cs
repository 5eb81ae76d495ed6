using System.Globalization;
using SparseCompile.Lottery.Data;
using Google.Protobuf;
using SparseCompile.Onnx.Tensors;

// Usage: DigitClassifier.Calibration <mnist subset> <output folder> [count]
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: DigitClassifier.Calibration <mnist-10k.bin.br> <output folder> [count]");
    return 2;
}

int count = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512;
var training = MnistSubset.Load(args[0]).Train;
count = Math.Min(count, training.Count);
var tensor = TensorFactory.Create<float>("x", [count, training.FeatureCount], training.Pixels.AsSpan(0, count * training.FeatureCount));
string set = Path.Combine(args[1], "test_data_set_0");
Directory.CreateDirectory(set);
File.WriteAllBytes(Path.Combine(set, "input_0.pb"), tensor.ToByteArray());
Console.WriteLine($"DigitClassifier.Calibration: {count} training digits -> {Path.Combine(set, "input_0.pb")}");
return 0;
