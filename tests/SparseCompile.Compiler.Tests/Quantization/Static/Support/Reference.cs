namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>Plain double-precision reference ops for the error bounds: NCHW convolution (stride 1), matrix products, pooling.</summary>
internal static class Reference
{
    /// <summary>Conv of x [n, c, h, w] with w [o, c, k, k] (stride 1, padding pad) plus bias [o] (or none).</summary>
    public static double[] Conv(double[] x, int n, int c, int h, int w, double[] weight, int o, int k, int pad, double[]? bias)
    {
        var y = new double[n * o * h * w];
        for (int b = 0; b < n; b++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                for (int i = 0; i < h; i++)
                {
                    for (int j = 0; j < w; j++)
                    {
                        double sum = bias?[oc] ?? 0;
                        for (int ic = 0; ic < c; ic++)
                        {
                            for (int ki = 0; ki < k; ki++)
                            {
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int si = i + ki - pad, sj = j + kj - pad;
                                    if (si >= 0 && si < h && sj >= 0 && sj < w)
                                    {
                                        sum += weight[(((oc * c) + ic) * k + ki) * k + kj] * x[(((b * c) + ic) * h + si) * w + sj];
                                    }
                                }
                            }
                        }

                        y[(((b * o) + oc) * h + i) * w + j] = sum;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>a [rows, k] times b [k, n] (or b [n, k] when <paramref name="transposeB"/>), plus bias [n] (or none).</summary>
    public static double[] MatMul(double[] a, int rows, int k, double[] b, int n, bool transposeB, double[]? bias = null)
    {
        var y = new double[rows * n];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = bias?[j] ?? 0;
                for (int i = 0; i < k; i++)
                {
                    sum += a[(r * k) + i] * (transposeB ? b[(j * k) + i] : b[(i * n) + j]);
                }

                y[(r * n) + j] = sum;
            }
        }

        return y;
    }

    /// <summary>The mean over each [h·w] plane of x [n·c planes].</summary>
    public static double[] GlobalAverage(double[] x, int planes, int size)
    {
        var y = new double[planes];
        for (int p = 0; p < planes; p++)
        {
            double sum = 0;
            for (int i = 0; i < size; i++)
            {
                sum += x[(p * size) + i];
            }

            y[p] = sum / size;
        }

        return y;
    }

    public static double[] Relu(double[] x) => x.Select(v => Math.Max(v, 0)).ToArray();

    public static double[] Abs(IEnumerable<double> x) => x.Select(Math.Abs).ToArray();

    public static double[] Add(double[] a, double[] b) => a.Zip(b, (p, q) => p + q).ToArray();

    public static double[] Plus(double[] a, double c) => a.Select(v => v + c).ToArray();

    public static double[] Doubles(float[] values) => values.Select(v => (double)v).ToArray();

    /// <summary>The largest |w| of each output channel (the first axis, or the column of a [k, n] matrix) over 127: the INT8 weight step.</summary>
    public static double[] WeightSteps(float[] weight, int channels, bool columns)
    {
        int inner = weight.Length / channels;
        var steps = new double[channels];
        for (int ch = 0; ch < channels; ch++)
        {
            double max = 0;
            for (int i = 0; i < inner; i++)
            {
                max = Math.Max(max, Math.Abs(weight[columns ? (i * channels) + ch : (ch * inner) + i]));
            }

            steps[ch] = max == 0 ? 1 : max / 127;
        }

        return steps;
    }
}
