using Microsoft.ML.OnnxRuntime;
using SparseCompile.Runtime;

// The build compiled ResNet18 to 2:4 + dynamic INT8 and copied ResNet18.onnx.br beside this program.
using var session = new SparseModelSession(SparseModelSource.FromFile(Path.Combine(AppContext.BaseDirectory, "ResNet18.onnx.br")),
    new SparseModelOptions { Target = ExecutionTarget.Cpu });
float[] image = new float[3 * 224 * 224];
using var input = OrtValue.CreateTensorValueFromMemory(image, [1, 3, 224, 224]);
using var outputs = session.Run(new Dictionary<string, OrtValue> { [session.InputNames[0]] = input });
Console.WriteLine($"{session.OutputNames[0]}: {outputs[session.OutputNames[0]].GetTensorTypeAndShape().ElementCount} features on {session.ExecutionProvider}");
