using SparseCompile.Runtime;
using SparseModelInRepo;

// The build compiled ResNet18 to 2:4 + dynamic INT8, shipped ResNet18.onnx.br beside this program and generated
// ResNet18Features from its manifest: a typed Run for the [1, 3, 224, 224] image and the [1, 512, 1, 1] features.
using var model = ResNet18Features.Load(new SparseModelOptions { Target = ExecutionTarget.Cpu });
float[] image = new float[3 * 224 * 224];
float[] features = new float[512];
model.Run(image, features);
Console.WriteLine($"{features.Length} features on {model.ExecutionProvider}; first {features[0]:F4}");
