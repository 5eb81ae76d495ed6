using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Makes inputs from a model's input metadata. Integer inputs are read by name: token ids (a name with "ids")
/// get ids inside the vocabulary — for BERT-sized vocabularies [CLS]=101, ids uniform in [1000, vocab), [SEP]=102 —
/// attention masks ones, token_type_ids zeros, position ids 0, 1, 2, ...; float inputs get seeded standard normal
/// values. Symbolic dims get the batch size (first dim) or the sequence length (the others) unless named.
/// </summary>
internal static class SampleGenerator
{
    /// <summary>BERT's [CLS] token id.</summary>
    public const long ClsToken = 101;

    /// <summary>BERT's [SEP] token id.</summary>
    public const long SepToken = 102;

    /// <summary>The first id drawn for BERT-sized vocabularies: ids below it are special tokens and unused slots.</summary>
    public const long FirstWordId = 1000;

    /// <summary>The id bound when no embedding table tells the vocabulary size.</summary>
    public const long DefaultIdBound = 100;

    /// <summary>The most elements one generated tensor may have.</summary>
    public const long MaxElements = 1L << 28;

    private enum Fill
    {
        Normal,
        Ones,
        Zeros,
        Positions,
        TokenIds,
    }

    /// <summary>An endless sequence of samples for <paramref name="inputs"/>; sample i is the same on every run.</summary>
    public static IEnumerable<InputSample> Generate(OnnxModel model, IReadOnlyList<InputSpec> inputs, GenerationOptions options)
    {
        var plans = inputs.Select(i => Plan(model, i, options)).ToArray();
        for (int index = 0; ; index++)
        {
            var random = new Random(HashCode.Combine(options.Seed, index));
            var tensors = plans.Select(p => Make(p, random)).ToArray();
            yield return new InputSample($"generated #{index}", tensors);
        }
    }

    private static (InputSpec Input, long[] Dims, Fill Fill, long Low, long High, bool Framed) Plan(OnnxModel model, InputSpec input, GenerationOptions options)
    {
        if (!ElementConversion.IsSupported(input.ElementType) || input.Dims is null)
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.CannotGenerateInput, model.FilePath,
                input.Dims is null
                    ? $"input '{input.Name}' declares no shape, so inputs cannot be generated for it; pass --data"
                    : $"input '{input.Name}' is {input.ElementTypeName}, for which inputs cannot be generated; pass --data", input.Name);
        }

        var dims = new long[input.Dims.Count];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            var dim = input.Dims[i];
            dims[i] = dim.Value ?? (dim.Symbol is { } s && options.Dimensions.TryGetValue(s, out long named) ? named
                : i == 0 ? options.BatchSize : options.SequenceLength);
            count = dims[i] < 0 || (dims[i] > 0 && count > MaxElements / dims[i])
                ? throw new SparseCompileException(EvaluationDiagnosticCodes.CannotGenerateInput, model.FilePath,
                    $"input '{input.Name}' would get shape [{string.Join(", ", dims.Take(i + 1))}...], over {MaxElements} elements or negative", input.Name)
                : count * dims[i];
        }

        string name = input.Name.ToLowerInvariant();
        bool integer = input.ElementType is not (DataType.Float or DataType.Double or DataType.Float16 or DataType.Bfloat16);
        if (input.ElementType == DataType.Bool || name.Contains("mask", StringComparison.Ordinal))
        {
            return (input, dims, Fill.Ones, 0, 0, false);
        }

        if (!integer)
        {
            return (input, dims, Fill.Normal, 0, 0, false);
        }

        if (name.Contains("token_type", StringComparison.Ordinal) || name.Contains("segment", StringComparison.Ordinal))
        {
            return (input, dims, Fill.Zeros, 0, 0, false);
        }

        if (name.Contains("position", StringComparison.Ordinal))
        {
            return (input, dims, Fill.Positions, 0, 0, false);
        }

        if (!name.Contains("ids", StringComparison.Ordinal))
        {
            return (input, dims, Fill.Zeros, 0, 0, false);
        }

        long vocabulary = options.VocabularySize ?? VocabularyProbe.Find(model, input.Name) ?? DefaultIdBound;
        bool bertLike = vocabulary >= 2 * FirstWordId;
        return (input, dims, Fill.TokenIds, bertLike ? FirstWordId : 0, Math.Max(1, vocabulary), bertLike);
    }

    private static SampleTensor Make((InputSpec Input, long[] Dims, Fill Fill, long Low, long High, bool Framed) plan, Random random)
    {
        long count = plan.Dims.Aggregate(1L, (a, d) => a * d);
        long last = plan.Dims.Length == 0 ? 1 : plan.Dims[^1];
        SampleTensor tensor;
        if (plan.Fill == Fill.Normal)
        {
            var values = new double[count];
            for (long i = 0; i < count; i++)
            {
                // Box–Muller: one standard normal value from two uniform ones.
                values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }

            tensor = SampleTensor.Create(plan.Input.Name, plan.Dims, values);
        }
        else
        {
            var values = new long[count];
            for (long i = 0; i < count; i++)
            {
                long position = last == 0 ? 0 : i % last;
                values[i] = plan.Fill switch
                {
                    Fill.Ones => 1,
                    Fill.Positions => position,
                    Fill.TokenIds when plan.Framed && last >= 2 && position == 0 => ClsToken,
                    Fill.TokenIds when plan.Framed && last >= 2 && position == last - 1 => SepToken,
                    Fill.TokenIds => random.NextInt64(plan.Low, plan.High),
                    _ => 0,
                };
            }

            tensor = SampleTensor.Create(plan.Input.Name, plan.Dims, values);
        }

        return ElementConversion.Convert(tensor, plan.Input.ElementType, "generated");
    }
}
