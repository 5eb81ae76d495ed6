using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Imp;

/// <summary>One finished level, as saved in its folder's result.json.</summary>
/// <param name="Level">0 for dense, k after k pruning rounds; the N:M round is numbered after the last level.</param>
/// <param name="Name">"level-03", or "nm-2of4" for the N:M round ("nm-2of4-kd-t4-a0.5" when distilled).</param>
/// <param name="Density">Pm: the fraction of weights kept (biases excluded).</param>
/// <param name="LayerDensities">Each layer's fraction kept.</param>
/// <param name="Ticket">The rewound (winning-ticket) training.</param>
/// <param name="RandomReinit">The random re-initialization control with the same mask; null when not trained.</param>
public sealed record ImpLevelResult(
    int Level, string Name, double Density, IReadOnlyDictionary<string, double> LayerDensities, TrainingResult Ticket, TrainingResult? RandomReinit);
