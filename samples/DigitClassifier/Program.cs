using System.Diagnostics;
using DigitClassifier;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Lottery.Data;
using SparseCompile.Runtime;

// The dense LeNet-300-100, its winning ticket (float, as exported) and the ticket compiled at build time to 2:4 +
// static INT8 + Brotli, on the 2,000 test digits: accuracy, shipped size, latency.
string folder = AppContext.BaseDirectory;
var digits = MnistSubset.Load(Path.Combine(folder, "data", "mnist-10k.bin.br")).Test;
var options = new SparseModelOptions { Target = ExecutionTarget.Cpu };
using var dense = DenseDigits.Load(options);
using var compiled = TicketDigits.Load(options);
using var floatTicket = new InferenceSession(Path.Combine(folder, "float", "lenet-ticket.onnx"));

var rows = new List<(string Name, string File, long Bytes, double Accuracy, double Microseconds)>
{
    ("dense FP32", DenseDigits.ModelPath, Size(DenseDigits.ModelPath),
        Accuracy(x => dense.Run(x, digits.Count).Logits.ToArray()), Latency(x => dense.Run(x, 1))),
    ("ticket FP32 (not compiled)", "float/lenet-ticket.onnx", Size("float/lenet-ticket.onnx"),
        Accuracy(x => RunFloat(x, digits.Count)), Latency(x => RunFloat(x, 1))),
    ("ticket 2:4 + INT8 (compiled)", TicketDigits.ModelPath, Size(TicketDigits.ModelPath),
        Accuracy(x => compiled.Run(x, digits.Count).Logits.ToArray()), Latency(x => compiled.Run(x, 1))),
};

Console.WriteLine($"LeNet-300-100 on {digits.Count} MNIST test digits, ONNX Runtime on {compiled.ExecutionProvider}:");
Console.WriteLine();
Console.WriteLine($"  {"model",-30} {"file",-26} {"size",10} {"accuracy",9} {"latency",12}");
foreach (var row in rows)
{
    Console.WriteLine($"  {row.Name,-30} {row.File,-26} {row.Bytes,8:N0} B {row.Accuracy,8:P2} {row.Microseconds,8:F1} µs");
}

double drop = (rows[0].Accuracy - rows[2].Accuracy) * 100;
double smaller = (double)rows[0].Bytes / rows[2].Bytes;
Console.WriteLine();
Console.WriteLine($"Compiled ticket against dense: {-drop:+0.00;-0.00;0.00} pp (target: within 0.5 pp) — {(drop <= 0.5 ? "met" : "missed")}");
Console.WriteLine($"Shipped file: {smaller:F1}x smaller than the dense FP32 model (target: at least 10x) — {(smaller >= 10 ? "met" : "missed")}");
Console.WriteLine("Latency: one digit per call, mean over the test digits after a warm-up pass.");
return 0;

long Size(string relative) => new FileInfo(Path.Combine(folder, relative)).Length;

double Accuracy(Func<ReadOnlyMemory<float>, float[]> logits)
{
    float[] all = logits(digits.Pixels);
    int correct = 0;
    for (int i = 0; i < digits.Count; i++)
    {
        var row = all.AsSpan(i * 10, 10);
        correct += row.IndexOf(MaxOf(row)) == digits.Labels[i] ? 1 : 0;
    }

    return (double)correct / digits.Count;
}

double Latency(Action<ReadOnlyMemory<float>> run)
{
    for (int i = 0; i < 200; i++)
    {
        run(digits.Pixels.AsMemory(i * digits.FeatureCount, digits.FeatureCount));
    }

    var clock = Stopwatch.StartNew();
    for (int i = 0; i < digits.Count; i++)
    {
        run(digits.Pixels.AsMemory(i * digits.FeatureCount, digits.FeatureCount));
    }

    return clock.Elapsed.TotalMicroseconds / digits.Count;
}

float[] RunFloat(ReadOnlyMemory<float> pixels, int batch)
{
    var input = new DenseTensor<float>(pixels.ToArray(), [batch, digits.FeatureCount]);
    using var results = floatTicket.Run([NamedOnnxValue.CreateFromTensor("x", input)]);
    return results[0].AsEnumerable<float>().ToArray();
}

static float MaxOf(ReadOnlySpan<float> values)
{
    float max = values[0];
    foreach (float v in values)
    {
        max = Math.Max(max, v);
    }

    return max;
}
