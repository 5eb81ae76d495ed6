using System.Globalization;
using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Static INT8 quantization in QDQ form (runs after sparsify; does nothing unless the mode is
/// <see cref="QuantizationMode.Static"/>). Runs the model on the calibration samples to find activation ranges
/// (<see cref="ActivationCalibrator"/>), then stores Conv, MatMul and Gemm weights as symmetric per-channel INT8 and
/// their biases as INT32 behind DequantizeLinear, and puts QuantizeLinear → DequantizeLinear pairs on activations
/// (INT8 symmetric, or UINT8 asymmetric) where ONNX Runtime's CPU QDQ fusion turns them into QLinearConv,
/// QLinearMatMul, QGemm, QLinearAdd and the QLinear pools (see <see cref="StaticPlanner"/> for the form). Every weight
/// is checked to keep its zeros and its N:M pattern; the float initializers are removed.
/// </summary>
public sealed class StaticQuantizationPass : ICompilerPass
{
    private readonly Func<QuantizedTensor, QuantizedTensor>? tamper;

    /// <summary>Creates the pass.</summary>
    public StaticQuantizationPass()
    {
    }

    /// <summary>Test hook: <paramref name="tamper"/> alters each quantized weight before the sparsity checks run.</summary>
    internal StaticQuantizationPass(Func<QuantizedTensor, QuantizedTensor> tamper) => this.tamper = tamper;

    /// <inheritdoc />
    public string Name => "quantize-static";

    /// <summary>The Conv, MatMul and Gemm nodes the last run left float, with the reason (empty when the mode is not static).</summary>
    public IReadOnlyList<StaticSkip> Skipped { get; private set; } = [];

    /// <summary>The calibrated ranges of the last run, by tensor name (empty when the mode is not static).</summary>
    public IReadOnlyDictionary<string, CalibratedRange> Ranges { get; private set; } = new Dictionary<string, CalibratedRange>();

    /// <inheritdoc />
    /// <exception cref="SparseCompileException">
    /// SC1180 without calibration data, SC1181 for bad calibration options, SC1160 when the opset is below 13 (a weight
    /// holding NaN or infinite values stays float with the warning SC2008; an activation that held them during
    /// calibration stays unquantized with the warning SC2009), SC117x for bad samples, SC1182/SC1183 when calibration cannot run;
    /// SC3900–SC3903 and SC3910–SC3912 when an internal invariant breaks.
    /// </exception>
    public void Run(CompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Skipped = [];
        Ranges = new Dictionary<string, CalibratedRange>();
        var options = context.Options.Quantization;
        if (options.Mode != QuantizationMode.Static)
        {
            return;
        }

        var model = context.Model;
        string? filePath = model.FilePath ?? context.Options.ModelPath;
        ValidateOptions(options, filePath);
        var (eligible, ineligible) = StaticEligibility.Find(model, context.Options);
        var (candidates, skippedSoFar) = KeepNonFiniteFloat(context, eligible, ineligible);
        ineligible = skippedSoFar;
        Skipped = ineligible;
        if (!candidates.Any(c => c.Role == StaticRole.Weighted))
        {
            return;
        }

        EnsureOpset(context, filePath);
        var calibration = StaticCalibration.Run(context, candidates, ineligible, Name);
        Ranges = calibration.Ranges;
        WarnNonFiniteActivations(context, calibration);
        context.InputFiles.AddRange(CalibrationFiles.Hash(options.CalibrationPath!, calibration.Sources));
        var plan = StaticPlanner.Plan(model.Graph, candidates, ineligible, t => StaticCalibration.Problem(calibration, t), options.SymmetricActivations);
        Skipped = plan.Skipped;
        if (!plan.Weighted.Any())
        {
            return;
        }

        var (parameters, ranges) = Parameters(plan, calibration.Ranges, options.SymmetricActivations, filePath);
        var weights = new Dictionary<NodeProto, StaticWeight>(ReferenceEqualityComparer.Instance);
        var weighted = plan.Weighted.ToArray();
        for (int i = 0; i < weighted.Length; i++)
        {
            var candidate = weighted[i];
            context.Step(Name, i, weighted.Length, candidate.Weight!.Name);
            weights[candidate.Node] = StaticWeightQuantizer.Quantize(model, candidate, parameters[candidate.Node.Input[0]].Scale, context.Options.Sparsity, tamper);
        }

        var records = weighted.Select(c => Record(c, weights[c.Node], ranges[c.Node.Input[0]])).ToArray();
        var names = new NameScope(model.Proto.Graph);
        var initializers = new List<TensorProto>();
        var emitter = new QdqEmitter(names, initializers);
        QdqRewriter.Rewrite(model, plan, parameters, weights, emitter, names);
        model.Proto.Graph.Initializer.AddRange(initializers);
        InitializerPruner.RemoveUnused(model.Proto, weighted.SelectMany(w => new[] { w.Weight!.Name, w.Bias?.Name }).OfType<string>());
        model.RefreshGraph();
        GraphIntegrity.EnsureDefinedBeforeUse(model.Proto.Graph, Name, filePath);
        QdqFormCheck.Ensure(model.Graph, plan, filePath);
        context.Quantized.AddRange(records);
        RecordChanges(context, plan, emitter, calibration.Sources.Count);
    }

    /// <summary>
    /// Leaves float the weighted nodes whose weight (or constant bias) holds NaN or infinite values, warning SC2008 for
    /// each: INT8 cannot represent them and their scale would not be finite.
    /// </summary>
    private static (IReadOnlyList<StaticCandidate> Candidates, IReadOnlyList<StaticSkip> Skipped) KeepNonFiniteFloat(
        CompilationContext context, IReadOnlyList<StaticCandidate> candidates, IReadOnlyList<StaticSkip> skipped)
    {
        var kept = new List<StaticCandidate>(candidates.Count);
        var allSkipped = skipped.ToList();
        foreach (var candidate in candidates)
        {
            if (candidate.Role == StaticRole.Weighted)
            {
                string node = NodeFactory.Describe(candidate.Node);
                string? reason = NonFiniteWeights.Check(context, candidate.Weight!, node);
                reason ??= candidate.Bias is { } bias && NonFiniteWeights.Check(context, bias, node) is { } biasReason ? $"its bias: {biasReason}" : null;
                if (reason is not null)
                {
                    allSkipped.Add(new StaticSkip(node, candidate.Node.OpType, candidate.Weight!.Name, reason));
                    continue;
                }
            }

            kept.Add(candidate);
        }

        return (kept, allSkipped);
    }

    /// <summary>Warns SC2009 for every calibrated tensor that held NaN or infinite values: the planner leaves it unquantized.</summary>
    private static void WarnNonFiniteActivations(CompilationContext context, StaticCalibration.Result calibration)
    {
        foreach (var range in calibration.Ranges.Values.Where(r => r.NonFinite > 0).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            context.Warn(CompileDiagnosticCodes.NonFiniteActivation,
                string.Create(CultureInfo.InvariantCulture,
                    $"activation '{range.Name}' held {range.NonFinite} NaN or infinite values during calibration; it is not quantized (no scale is computed for it), and the nodes reading or writing it stay float"),
                range.Name);
        }
    }

    private static void ValidateOptions(QuantizationOptions options, string? filePath)
    {
        if (string.IsNullOrWhiteSpace(options.CalibrationPath))
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.CalibrationDataMissing, filePath,
                "static quantization needs calibration data: pass a folder of test_data_set_N/input_K.pb sets or of .npz samples (or one .npz file), or quantize dynamically");
        }

        if (!(options.Percentile > 0 && options.Percentile <= 100))
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.InvalidCalibrationOption, filePath,
                $"the calibration percentile must be in (0, 100], not {options.Percentile.ToString(CultureInfo.InvariantCulture)}");
        }

        if (options.MaxCalibrationSamples is < 1)
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.InvalidCalibrationOption, filePath,
                $"the calibration sample limit must be at least 1, not {options.MaxCalibrationSamples}");
        }
    }

    private static void EnsureOpset(CompilationContext context, string? filePath)
    {
        long? opset = context.Model.OpsetVersion();
        if (opset is null || opset < QuantizationLimits.MinimumOpset)
        {
            string found = opset is null ? "no default-domain opset" : $"opset {opset}";
            throw new SparseCompileException(QuantizationDiagnosticCodes.OpsetTooOld, filePath,
                $"static INT8 quantization needs default-domain opset {QuantizationLimits.MinimumOpset} or later (per-channel QuantizeLinear/DequantizeLinear), but the model imports {found}; upgrade the model's opset or compile without quantization");
        }
    }

    /// <summary>The scale and zero point of every planned tensor, and the range each stands for; a same-scale output copies its input's.</summary>
    private static (Dictionary<string, ActivationParameters> Parameters, Dictionary<string, (float Min, float Max)> Ranges) Parameters(
        StaticPlan plan, IReadOnlyDictionary<string, CalibratedRange> calibrated, bool symmetric, string? filePath)
    {
        var parameters = new Dictionary<string, ActivationParameters>(StringComparer.Ordinal);
        var ranges = new Dictionary<string, (float Min, float Max)>(StringComparer.Ordinal);
        foreach (string tensor in plan.Tensors)
        {
            if (plan.SameScaleAs.TryGetValue(tensor, out string? source))
            {
                parameters[tensor] = parameters[source];
                ranges[tensor] = ranges[source];
                continue;
            }

            var range = calibrated[tensor];
            parameters[tensor] = ActivationParameters.From(range, symmetric, filePath);
            ranges[tensor] = symmetric ? range.Symmetric : range.Asymmetric;
        }

        return (parameters, ranges);
    }

    private static QuantizedWeight Record(StaticCandidate candidate, StaticWeight weight, (float Min, float Max) activation) =>
        new(NodeFactory.Describe(candidate.Node), candidate.Node.OpType, candidate.Weight!.Name, "static",
            weight.Weight.Axis, weight.Weight.MinScale, weight.Weight.MaxScale, Format(activation));

    private void RecordChanges(CompilationContext context, StaticPlan plan, QdqEmitter emitter, int samples)
    {
        var options = context.Options.Quantization;
        string kind = options.SymmetricActivations ? "INT8 symmetric" : "UINT8 asymmetric";
        int weighted = plan.Weighted.Count();
        context.Changes.Add(new GraphChange(Name,
            $"inserted {emitter.Counts.Quantize} QuantizeLinear and {emitter.Counts.Dequantize} DequantizeLinear nodes: {weighted} weighted nodes and {plan.Kept.Count - weighted} others quantized, {plan.Tensors.Count} activations {kind}, calibrated by {options.Calibration} on {samples} samples",
            null));
        foreach (var relu in plan.AbsorbedRelus)
        {
            context.Changes.Add(new GraphChange(Name,
                "Relu kept, but its input is not quantized: the QuantizeLinear after it clamps at the zero point, so ONNX Runtime folds it into the producer's kernel",
                NodeFactory.Describe(relu)));
        }
    }

    private static string Format((float Min, float Max) range) =>
        string.Create(CultureInfo.InvariantCulture, $"[{range.Min:G6}, {range.Max:G6}]");
}
