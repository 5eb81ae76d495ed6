namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// What calibration keeps of one tensor across samples: its smallest and largest value, how many values and how many
/// NaN or infinite ones it saw, and (for the percentile and entropy methods) a histogram of |x|. The activations
/// themselves are never kept.
/// </summary>
internal sealed class TensorObserver
{
    private readonly AbsHistogram? histogram;

    /// <summary>Starts observing <paramref name="name"/>; <paramref name="withHistogram"/> also keeps a histogram of |x|.</summary>
    public TensorObserver(string name, bool withHistogram, int bins = AbsHistogram.DefaultBins)
    {
        Name = name;
        histogram = withHistogram ? new AbsHistogram(bins) : null;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The smallest finite value seen (+∞ before any).</summary>
    public float Min { get; private set; } = float.PositiveInfinity;

    /// <summary>The largest finite value seen (-∞ before any).</summary>
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Finite values seen.</summary>
    public long Count { get; private set; }

    /// <summary>NaN and infinite values seen (they are left out of the range).</summary>
    public long NonFinite { get; private set; }

    /// <summary>The histogram of |x|, or null for min/max calibration.</summary>
    public AbsHistogram? Histogram => histogram;

    /// <summary>The largest magnitude seen (0 before any value).</summary>
    public float MaxAbs => Count == 0 ? 0 : Math.Max(Math.Abs(Min), Math.Abs(Max));

    /// <summary>Adds one sample's values of the tensor.</summary>
    public void Observe(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        long bad = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                bad++;
                continue;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        NonFinite += bad;
        long finite = values.Length - bad;
        if (finite == 0)
        {
            return;
        }

        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Count += finite;
        if (histogram is null)
        {
            return;
        }

        float maxAbs = Math.Max(Math.Abs(min), Math.Abs(max));
        if (bad == 0)
        {
            histogram.Add(values, maxAbs);
            return;
        }

        var kept = new List<float>((int)finite);
        foreach (float v in values)
        {
            if (float.IsFinite(v))
            {
                kept.Add(v);
            }
        }

        histogram.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept), maxAbs);
    }
}
