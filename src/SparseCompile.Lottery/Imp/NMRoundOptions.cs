using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Lottery.Imp;

/// <summary>
/// The final N:M-aware round after the last IMP level: the ticket's mask restructured to N:M along each weight's
/// reduction axis (input features), rewound, retrained, optionally distilled from the dense (level 0) network.
/// </summary>
public sealed record NMRoundOptions
{
    /// <summary>The pattern. Default 2:4.</summary>
    public NMPattern Pattern { get; init; } = NMPattern.TwoFour;

    /// <summary>Distill from the trained dense network. Default false.</summary>
    public bool Distill { get; init; }

    /// <summary>The distillation temperature T. Default 4.</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>The weight α of the distillation term (1 − α goes to hard-label cross entropy). Default 0.5.</summary>
    public double Alpha { get; init; } = 0.5;
}
