using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Imp;

/// <summary>The options that must match for a run folder to be resumed (rounds and the N:M round may grow).</summary>
internal sealed record ImpManifest(
    int Seed, IReadOnlyList<int> LayerSizes, TrainingOptions Training, string Pruning, int RewindIteration, bool RandomReinitControl)
{
    public static ImpManifest From(ImpOptions options) => new(
        options.Seed, options.LayerSizes, options.Training, options.Strategy.Description, options.Rewind.Iteration, options.RandomReinitControl);
}
