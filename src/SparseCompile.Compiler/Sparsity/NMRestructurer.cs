using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// Turns weights (and optionally an unstructured keep-mask) into an N:M keep-mask along the reduction axis:
/// in every group of M consecutive elements along the axis (see <see cref="AxisGroups"/>) at most N are kept.
/// </summary>
/// <remarks>
/// <para>
/// Without a mask every group keeps exactly its N largest |w| (NVIDIA ASP m4n2_1d for 2:4). With a mask,
/// only weights the mask keeps are candidates, so the result is a subset of the mask: a group keeps all
/// its candidates when it has at most N, otherwise the N largest of them. A mask that already is N:M comes
/// back unchanged.
/// </para>
/// <para>
/// Ranking: by |w|, so +0 and -0 tie and ±∞ rank above every finite weight. Every NaN ranks above ±∞
/// (NaN counts as the largest magnitude), so a NaN is never dropped silently in favour of a number: it
/// stays, and the caller's NaN checks still see it. Ties (equal |w|, or two NaNs) go to the lower index
/// along the axis.
/// </para>
/// <para>
/// Cost: one pass over the weights (and mask) writing one bool per weight; no allocation besides the
/// result mask (none with <c>RestructureInto</c>) and, for M ≠ 4, one array of M ints.
/// </para>
/// </remarks>
public static class NMRestructurer
{
    /// <summary>Keeps the N largest |w| of every group (dense weights).</summary>
    /// <param name="weights">Row-major weights of shape <paramref name="dims"/>.</param>
    /// <param name="dims">The weight's dims.</param>
    /// <param name="axis">The reduction axis (negative counts from the end).</param>
    /// <param name="pattern">The N:M pattern.</param>
    /// <exception cref="ArgumentException">The values do not fill the dims, or the pattern is uninitialized.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank.</exception>
    public static NMRestructureResult Restructure(ReadOnlySpan<float> weights, IReadOnlyList<long> dims, int axis, NMPattern pattern) =>
        Run(weights, default, false, dims, axis, pattern, default, true, KernelChoice.Auto);

    /// <summary>Keeps, in every group, at most N of the weights <paramref name="mask"/> keeps: the largest by |w|.</summary>
    /// <param name="weights">Row-major weights of shape <paramref name="dims"/>.</param>
    /// <param name="mask">The unstructured keep-mask, one bool per weight.</param>
    /// <param name="dims">The weight's dims.</param>
    /// <param name="axis">The reduction axis (negative counts from the end).</param>
    /// <param name="pattern">The N:M pattern.</param>
    /// <exception cref="ArgumentException">The values or the mask do not fill the dims, or the pattern is uninitialized.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank.</exception>
    public static NMRestructureResult Restructure(ReadOnlySpan<float> weights, ReadOnlySpan<bool> mask, IReadOnlyList<long> dims, int axis, NMPattern pattern) =>
        Run(weights, mask, true, dims, axis, pattern, default, true, KernelChoice.Auto);

    /// <summary>
    /// Like <see cref="Restructure(ReadOnlySpan{float}, IReadOnlyList{long}, int, NMPattern)"/> but writes the
    /// keep-mask into <paramref name="keep"/> (the result's <c>Keep</c> is null). When the pattern does not
    /// apply, <paramref name="keep"/> is left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">The values or <paramref name="keep"/> do not fill the dims, or the pattern is uninitialized.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank.</exception>
    public static NMRestructureResult RestructureInto(ReadOnlySpan<float> weights, IReadOnlyList<long> dims, int axis, NMPattern pattern, Span<bool> keep) =>
        Run(weights, default, false, dims, axis, pattern, keep, false, KernelChoice.Auto);

    /// <summary>
    /// Like <see cref="Restructure(ReadOnlySpan{float}, ReadOnlySpan{bool}, IReadOnlyList{long}, int, NMPattern)"/> but
    /// writes the keep-mask into <paramref name="keep"/> (the result's <c>Keep</c> is null). <paramref name="keep"/> may
    /// be the very span of <paramref name="mask"/> (restructuring a mask in place) but must not overlap it otherwise.
    /// When the pattern does not apply, <paramref name="keep"/> is left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The values, the mask or <paramref name="keep"/> do not fill the dims, <paramref name="keep"/> partly overlaps
    /// the mask, or the pattern is uninitialized.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank.</exception>
    public static NMRestructureResult RestructureInto(
        ReadOnlySpan<float> weights, ReadOnlySpan<bool> mask, IReadOnlyList<long> dims, int axis, NMPattern pattern, Span<bool> keep) =>
        Run(weights, mask, true, dims, axis, pattern, keep, false, KernelChoice.Auto);

    /// <summary>The shared implementation; <paramref name="kernel"/> lets tests pin a kernel.</summary>
    internal static NMRestructureResult Run(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<bool> mask,
        bool masked,
        IReadOnlyList<long> dims,
        int axis,
        NMPattern pattern,
        Span<bool> destination,
        bool allocate,
        KernelChoice kernel)
    {
        if (pattern.M == 0)
        {
            throw new ArgumentException("the pattern is uninitialized (M = 0)", nameof(pattern));
        }

        var groups = AxisGroups.Create(dims, axis, pattern.M);
        CheckLengths(groups, weights.Length, masked ? mask.Length : null, allocate ? null : destination.Length);
        if (!groups.IsDivisible)
        {
            string reason = $"reduction axis {groups.Axis} has length {groups.Length}, not a multiple of {pattern.M}";
            return new NMRestructureResult(pattern, groups.Axis, groups.Length, false, reason, 0, null, null);
        }

        if (masked && !allocate && mask.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException("the keep buffer overlaps the mask without being the same span", nameof(destination));
        }

        bool[]? array = allocate ? new bool[weights.Length] : null;
        Span<bool> keep = array ?? destination;
        ulong counts = weights.IsEmpty ? 0 : RunKernel(weights, mask, masked, keep, (int)groups.Inner, pattern, kernel);
        long kept = (long)(counts & uint.MaxValue);
        long candidates = masked ? (long)(counts >> 32) : weights.Length;

        // The N:M mask is a subset of the candidates, so they differ exactly where a candidate was dropped.
        var statistics = new RestructureStatistics(weights.Length, candidates, kept, candidates - kept);
        return new NMRestructureResult(pattern, groups.Axis, groups.Length, true, null, groups.GroupCount, statistics, array);
    }

    private static ulong RunKernel(
        ReadOnlySpan<float> weights, ReadOnlySpan<bool> mask, bool masked, Span<bool> keep, int inner, NMPattern pattern, KernelChoice kernel)
    {
        if (pattern.M == 4 && kernel != KernelChoice.Generic)
        {
            bool simd = kernel == KernelChoice.Auto;
            return masked
                ? FourGroupKernel.Run<Masked>(weights, mask, keep, inner, pattern.N, simd)
                : FourGroupKernel.Run<Unmasked>(weights, mask, keep, inner, pattern.N, simd);
        }

        return masked
            ? GenericGroupKernel.Run<Masked>(weights, mask, keep, pattern.M, inner, pattern.N)
            : GenericGroupKernel.Run<Unmasked>(weights, mask, keep, pattern.M, inner, pattern.N);
    }

    private static void CheckLengths(AxisGroups groups, int weights, int? mask, int? keep)
    {
        if (groups.ElementCount != weights)
        {
            throw new ArgumentException($"{weights} weights do not fill a tensor of shape {Shape(groups)}", nameof(weights));
        }

        if (mask is int m && m != weights)
        {
            throw new ArgumentException($"the mask has {m} elements; the weights have shape {Shape(groups)}", nameof(mask));
        }

        if (keep is int k && k != weights)
        {
            throw new ArgumentException($"the keep buffer has {k} elements; the weights have shape {Shape(groups)}", nameof(keep));
        }
    }

    private static string Shape(AxisGroups groups) => $"[{string.Join(", ", groups.Dims)}] ({groups.ElementCount} elements)";
}
