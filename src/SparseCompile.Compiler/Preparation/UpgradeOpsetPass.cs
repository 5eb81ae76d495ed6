using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Preparation.Opsets;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Preparation;

/// <summary>
/// Brings a model whose default-domain opset is older than 13 up to opset 13 (per-axis QuantizeLinear and
/// DequantizeLinear need it), rewriting each node only where its op changed in a way that keeps its meaning
/// (attributes that became inputs, dropped legacy attributes, defaults spelled out). A node whose meaning would
/// change, or an op the upgrade does not know, stops it with SC1150 naming every such op; the model is left as it was.
/// The IR version is raised to at least 7, and a model that was IR 3 stops listing its initializers as graph inputs
/// (IR 3 required that listing; from IR 4 on it would make them overridable, which is not what they were).
/// Models at opset 13 or later are left alone.
/// </summary>
public sealed class UpgradeOpsetPass : ICompilerPass
{
    /// <summary>The opset models are brought to.</summary>
    public const int TargetOpset = OperatorUpgrades.TargetOpset;

    /// <summary>The least IR version a model importing opset 13 may declare.</summary>
    public const long MinimumIrVersion = 7;

    private const int MaxListedBlockers = 12;

    /// <inheritdoc />
    public string Name => "upgrade-opset";

    /// <summary>What the last run did, or null before it ran.</summary>
    public OpsetUpgradeResult? Result { get; private set; }

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Only quantization needs opset 13 (per-axis QuantizeLinear/DequantizeLinear); a float compile leaves the opset alone.
        if (context.Options.Quantization.Mode == QuantizationMode.None)
        {
            return;
        }

        Result = Upgrade(context.Model);
        if (Result.Changed)
        {
            context.Changes.Add(new GraphChange(Name,
                $"opset {Result.FromOpset} → {Result.ToOpset}, IR {Result.FromIrVersion} → {Result.ToIrVersion}, {Result.NodesRewritten} nodes rewritten", null));
            context.Model.RefreshGraph();
        }
    }

    /// <summary>Upgrades <paramref name="model"/> in place.</summary>
    /// <exception cref="SparseCompileException">SC1150 when some node blocks the upgrade; the model is unchanged then.</exception>
    public static OpsetUpgradeResult Upgrade(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var proto = model.Proto;
        long? from = model.OpsetVersion();
        long ir = proto.IrVersion;
        if (from is not { } opset || opset >= TargetOpset)
        {
            return new OpsetUpgradeResult(from, from, ir, ir, 0, 0, 0);
        }

        var plan = OpsetUpgrader.Plan(model.Graph, opset);
        var blockers = plan.Blockers.Concat(ModelLevelBlockers(model)).ToArray();
        if (blockers.Length > 0)
        {
            throw Blocked(model, opset, blockers);
        }

        foreach (var (index, node) in plan.Replacements)
        {
            proto.Graph.Node[index] = node;
        }

        proto.Graph.Initializer.AddRange(plan.Initializers);
        foreach (var import in proto.OpsetImport.Where(o => OpsetUpgrader.IsDefaultDomain(o.Domain)))
        {
            import.Version = TargetOpset;
        }

        int inputsRemoved = ir < 4 ? InitializerInputs.Remove(proto.Graph) : 0;
        proto.IrVersion = Math.Max(ir, MinimumIrVersion);
        model.RefreshGraph();
        return new OpsetUpgradeResult(opset, TargetOpset, ir, proto.IrVersion, plan.Replacements.Count, plan.Initializers.Count, inputsRemoved);
    }

    private static IEnumerable<OpsetBlocker> ModelLevelBlockers(OnnxModel model)
    {
        foreach (var function in model.Proto.Functions)
        {
            yield return new OpsetBlocker($"{function.Domain}.{function.Name}", function.Name,
                "model-local functions import opsets of their own, which the upgrade does not rewrite");
        }

        if (model.Proto.TrainingInfo.Count > 0)
        {
            yield return new OpsetBlocker("training_info", "training_info", "training graphs are not upgraded");
        }
    }

    private static SparseCompileException Blocked(OnnxModel model, long opset, OpsetBlocker[] blockers)
    {
        string ops = string.Join(", ", blockers.Select(b => b.OpType).Distinct(StringComparer.Ordinal));
        string details = string.Join("; ", blockers.Take(MaxListedBlockers).Select(b => $"{b.OpType} '{b.Node}': {b.Reason}"));
        if (blockers.Length > MaxListedBlockers)
        {
            details += $"; and {blockers.Length - MaxListedBlockers} more";
        }

        return new SparseCompileException(PreparationDiagnosticCodes.OpsetUpgradeBlocked, model.FilePath,
            $"the model imports opset {opset} and cannot be brought up to opset {TargetOpset} without changing what it " +
            $"computes; blocked by {ops} ({details})", blockers[0].Node);
    }
}
