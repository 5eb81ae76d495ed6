using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ImageFeatures;
using SparseCompile.Runtime;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        ImageFeatures: ResNet18 image features (512 values per photo) from the dense model and from the model the build
        compiled (BatchNorm folded, 2:4 sparse, static INT8 calibrated on five photos, accuracy gate with fallback,
        shipped Brotli-compressed), on real photographs the compile never saw.

        Usage: dotnet run --project samples/ImageFeatures -c Release -- [options]

        Options:
          --all        use all eight photos (the five calibration photos too), not just the three held-out ones
          --runs <n>   timed runs per photo and model for the latency (median); default 7
          -h, --help   show this help

        Prints the cosine similarity between photos for each model, the cosine between the dense and the compiled
        features of each photo, the latency per image, the model sizes and what the accuracy gate kept dense or float.
        """);
    return 0;
}

int runs = 7;
int runsAt = Array.IndexOf(args, "--runs");
if (runsAt >= 0 && (runsAt + 1 >= args.Length || !int.TryParse(args[runsAt + 1], out runs) || runs < 1))
{
    Console.Error.WriteLine("--runs takes a positive number.");
    return 2;
}

var unknown = args.Where((a, i) => a.StartsWith('-') && a is not ("--all" or "--runs") && !(i > 0 && args[i - 1] == "--runs")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown option {unknown[0]}; see --help.");
    return 2;
}

var photos = args.Contains("--all") ? Photos.All : Photos.Holdout;
var options = new SparseModelOptions { Target = ExecutionTarget.Cpu };
using var dense = ResNet18Dense.Load(options);
using var compiled = ResNet18Compiled.Load(options);

var inputs = photos.Select(Photos.ResNet18Input).ToArray();
var denseFeatures = inputs.Select(input => Features((i, f) => dense.Run(i, f), input)).ToArray();
var compiledFeatures = inputs.Select(input => Features((i, f) => compiled.Run(i, f), input)).ToArray();

Console.WriteLine($"ResNet18 features ({denseFeatures[0].Length} values) of {photos.Count} {(photos == Photos.Holdout ? "held-out " : "")}photos, dense FP32 against 2:4 + static INT8, on {compiled.ExecutionProvider}.");
Console.WriteLine();
Console.WriteLine("Cosine similarity between photos (dense | compiled):");
int width = Math.Max(8, photos.Max(p => p.Length)) + 2;
string Header() => string.Concat(photos.Select(p => Short(p).PadLeft(8)));
Console.WriteLine($"{"".PadRight(width)}{Header()}   |{Header()}");
for (int a = 0; a < photos.Count; a++)
{
    string row(float[][] f) => string.Concat(Enumerable.Range(0, photos.Count).Select(b => Cosine(f[a], f[b]).ToString("F4").PadLeft(8)));
    Console.WriteLine($"{photos[a].PadRight(width)}{row(denseFeatures)}   |{row(compiledFeatures)}");
}

Console.WriteLine();
Console.WriteLine("Per-photo cosine, dense vs compiled features:");
for (int p = 0; p < photos.Count; p++)
{
    Console.WriteLine($"  {photos[p].PadRight(width)}{Cosine(denseFeatures[p], compiledFeatures[p]):F4}");
}

Console.WriteLine();
Console.WriteLine($"Latency per image (median of {runs} runs per photo, after one warm-up):");
double denseMs = Latency((i, f) => dense.Run(i, f), inputs, runs);
double compiledMs = Latency((i, f) => compiled.Run(i, f), inputs, runs);
Console.WriteLine($"  dense      {denseMs,8:F2} ms");
Console.WriteLine($"  compiled   {compiledMs,8:F2} ms   ({denseMs / compiledMs:F2}x)");

Console.WriteLine();
string app = AppContext.BaseDirectory;
string shipped = Path.Combine(app, ResNet18Compiled.ModelPath);
long fp32 = new FileInfo(RealModels.ResNet18Path).Length;
long compiledBytes = DecompressedLength(shipped);
long shippedBytes = new FileInfo(shipped).Length;
Console.WriteLine("Model sizes:");
Console.WriteLine($"  FP32 ResNet18.onnx              {Mb(fp32),8}");
Console.WriteLine($"  dense reference (BN folded)     {Mb(new FileInfo(Path.Combine(app, ResNet18Dense.ModelPath)).Length),8}");
Console.WriteLine($"  compiled ResNet18.onnx          {Mb(compiledBytes),8}   ({(double)fp32 / compiledBytes:F1}x smaller)");
Console.WriteLine($"  shipped ResNet18.onnx.br        {Mb(shippedBytes),8}   ({(double)fp32 / shippedBytes:F1}x smaller)");

Console.WriteLine();
PrintGate(Path.Combine(app, "ResNet18.sparsemodel.json"));
return 0;

static float[] Features(Action<float[], float[]> run, float[] input)
{
    var features = new float[512];
    run(input, features);
    return features;
}

static double Latency(Action<float[], float[]> run, float[][] inputs, int runs)
{
    var output = new float[512];
    var times = new List<double>();
    foreach (var input in inputs)
    {
        run(input, output);
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            run(input, output);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    times.Sort();
    return times[times.Count / 2];
}

static double Cosine(float[] a, float[] b)
{
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.Length; i++)
    {
        dot += (double)a[i] * b[i];
        na += (double)a[i] * a[i];
        nb += (double)b[i] * b[i];
    }

    return dot / Math.Sqrt(na * nb);
}

static string Short(string photo) => photo.Length <= 7 ? photo : photo[..7];

static string Mb(long bytes) => $"{bytes / 1e6:F1} MB";

static long DecompressedLength(string path)
{
    using var brotli = new BrotliStream(File.OpenRead(path), CompressionMode.Decompress);
    long total = 0;
    var buffer = new byte[1 << 16];
    int read;
    while ((read = brotli.Read(buffer)) > 0)
    {
        total += read;
    }

    return total;
}

static void PrintGate(string manifestPath)
{
    using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
    var root = manifest.RootElement;
    var compileOptions = root.GetProperty("options");
    Console.WriteLine($"Compiled at build time: sparsity {compileOptions.GetProperty("sparsity").GetString()}, quantization {compileOptions.GetProperty("quantization").GetString()} (manifest {Path.GetFileName(manifestPath)}).");
    if (!root.TryGetProperty("accuracyGate", out var gate) || gate.ValueKind != JsonValueKind.Object)
    {
        Console.WriteLine("Accuracy gate: none.");
        return;
    }

    Console.WriteLine($"Accuracy gate: cosine >= {gate.GetProperty("minCosine").GetDouble():F4} on {gate.GetProperty("samples").GetInt32()} calibration photos; " +
        $"{gate.GetProperty("cosineBefore").GetDouble():F4} before fallback, {gate.GetProperty("cosineAfter").GetDouble():F4} as shipped ({gate.GetProperty("evaluations").GetInt32()} candidates evaluated).");
    var changes = gate.GetProperty("sensitivities").EnumerateArray().ToList();
    int pruned = changes.Count(c => c.GetProperty("change").GetString() == "pruned");
    int prunedKept = changes.Count(c => c.GetProperty("change").GetString() == "pruned" && c.GetProperty("kept").GetBoolean());
    Console.WriteLine($"  2:4 pruned {pruned - prunedKept} of {pruned} prunable weights; kept dense (not pruned): {List(gate.GetProperty("keptDense"))}");
    Console.WriteLine($"  kept float (not quantized): {List(gate.GetProperty("keptFloat"))}");
}

static string List(JsonElement names) =>
    names.GetArrayLength() == 0 ? "none" : string.Join(", ", names.EnumerateArray().Select(n => n.GetString()));
