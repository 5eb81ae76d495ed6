using static SparseCompile.Compiler.Preparation.Opsets.AttributeToInputSteps;
using static SparseCompile.Compiler.Preparation.Opsets.CompatibleSteps;
using static SparseCompile.Compiler.Preparation.Opsets.ModeSteps;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// The default-domain ops the upgrade knows, with every version up to opset 13 (from the ONNX operator changelog)
/// and the step that leads into each version from the one before. A null step means no semantics-preserving move
/// is known, so a node that needs it blocks the upgrade; so does any op not listed here.
/// </summary>
internal static class OperatorUpgrades
{
    /// <summary>The opset the upgrade brings models to.</summary>
    public const int TargetOpset = 13;

    private static readonly (int Version, OpsetStep? Step)[] Unary = [(1, null), (6, DropConsumedInputs), (13, Compatible)];
    private static readonly (int Version, OpsetStep? Step)[] Binary = [(1, null), (6, DropConsumedInputs), (7, LegacyBroadcast), (13, Compatible)];
    private static readonly (int Version, OpsetStep? Step)[] Activation6 = [(1, null), (6, DropConsumedInputs)];
    private static readonly (int Version, OpsetStep? Step)[] Since1Then13 = [(1, null), (13, Compatible)];
    private static readonly (int Version, OpsetStep? Step)[] Reduce = [(1, null), (11, Compatible), (13, Compatible)];
    private static readonly (int Version, OpsetStep? Step)[] ReduceMinMax = [(1, null), (11, Compatible), (12, Compatible), (13, Compatible)];

    private static readonly Dictionary<string, (int Version, OpsetStep? Step)[]> Versions = new(StringComparer.Ordinal)
    {
        ["Abs"] = Unary,
        ["Ceil"] = Unary,
        ["Exp"] = Unary,
        ["Floor"] = Unary,
        ["Log"] = Unary,
        ["Neg"] = Unary,
        ["Reciprocal"] = Unary,
        ["Relu"] = Unary,
        ["Sigmoid"] = Unary,
        ["Sqrt"] = Unary,
        ["Tanh"] = Unary,
        ["Add"] = Binary,
        ["Sub"] = Binary,
        ["Mul"] = Binary,
        ["Div"] = Binary,
        ["Pow"] = [(1, null), (7, LegacyBroadcast), (12, Compatible), (13, Compatible)],
        ["Sum"] = [(1, null), (6, DropConsumedInputs), (8, Compatible), (13, Compatible)],
        ["Elu"] = Activation6,
        ["LeakyRelu"] = Activation6,
        ["Identity"] = Since1Then13,
        ["Transpose"] = Since1Then13,
        ["Shape"] = Since1Then13,
        ["LRN"] = Since1Then13,
        ["Conv"] = [(1, null), (11, Compatible)],
        ["BatchNormalization"] = [(1, null), (6, DropConsumedInputs), (7, BatchNormIsTest), (9, BatchNormSpatial)],
        ["MaxPool"] = [(1, null), (8, Compatible), (10, Compatible), (11, Compatible), (12, Compatible)],
        ["AveragePool"] = [(1, null), (7, Compatible), (10, Compatible), (11, Compatible)],
        ["GlobalAveragePool"] = [(1, null)],
        ["GlobalMaxPool"] = [(1, null)],
        ["Gemm"] = [(1, null), (6, Compatible), (7, GemmDropBroadcast), (9, Compatible), (11, Compatible), (13, Compatible)],
        ["MatMul"] = [(1, null), (9, Compatible), (13, Compatible)],
        ["Flatten"] = [(1, null), (9, Compatible), (11, Compatible), (13, Compatible)],
        ["Reshape"] = [(1, null), (5, ReshapeShapeToInput), (13, Compatible)],
        ["Concat"] = [(1, null), (4, ConcatDefaultAxis), (11, Compatible), (13, Compatible)],
        ["Softmax"] = [(1, null), (11, Compatible), (13, SoftmaxStep.LastAxisOnly)],
        ["Squeeze"] = [(1, null), (11, Compatible), (13, OptionalAxesToInput)],
        ["Unsqueeze"] = [(1, null), (11, Compatible), (13, RequiredAxesToInput)],
        ["ReduceMean"] = Reduce,
        ["ReduceSum"] = [(1, null), (11, Compatible), (13, OptionalAxesToInput)],
        ["ReduceMax"] = ReduceMinMax,
        ["ReduceMin"] = ReduceMinMax,
        ["Gather"] = [(1, null), (11, Compatible), (13, Compatible)],
        ["Cast"] = [(1, null), (6, null), (9, Compatible), (13, Compatible)],
        ["Constant"] = [(1, null), (9, Compatible), (11, Compatible), (12, Compatible), (13, Compatible)],
        ["Clip"] = [(1, null), (6, DropConsumedInputs), (11, ClipToInputs), (12, Compatible), (13, Compatible)],
        ["Dropout"] = [(1, null), (6, DropConsumedInputs), (7, DropoutIsTest), (10, DropoutMaskType), (12, DropoutRatioToInput), (13, Compatible)],
        ["Pad"] = [(1, null), (2, null), (11, PadToInputs), (13, Compatible)],
    };

    /// <summary>True when the upgrade knows <paramref name="opType"/>.</summary>
    public static bool IsKnown(string opType) => Versions.ContainsKey(opType);

    /// <summary>
    /// The steps that take a node of <paramref name="opType"/> from opset <paramref name="from"/> to <see cref="TargetOpset"/>,
    /// or why there are none.
    /// </summary>
    public static (IReadOnlyList<(int From, int To, OpsetStep Step)> Steps, string? Blocked) Plan(string opType, long from)
    {
        if (!Versions.TryGetValue(opType, out var versions))
        {
            return ([], "the upgrade does not know this op, so it cannot tell whether its meaning changes");
        }

        int start = Array.FindLastIndex(versions, v => v.Version <= from);
        if (start < 0)
        {
            return ([], $"{opType} did not exist in opset {from}");
        }

        var steps = new List<(int, int, OpsetStep)>();
        for (int i = start + 1; i < versions.Length && versions[i].Version <= TargetOpset; i++)
        {
            if (versions[i].Step is not { } step)
            {
                return ([], $"no semantics-preserving upgrade from {opType}-{versions[i - 1].Version} to {opType}-{versions[i].Version} is known");
            }

            steps.Add((versions[i - 1].Version, versions[i].Version, step));
        }

        return (steps, null);
    }
}
