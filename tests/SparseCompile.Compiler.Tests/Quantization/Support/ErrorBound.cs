namespace SparseCompile.Compiler.Tests.Quantization.Support;

/// <summary>
/// A worst-case bound on how far a dynamically quantized <c>y = a · W</c> can be from the float result, from the
/// quantization steps alone. With a per-tensor activation step s_a and per-column weight steps s_w[n], each quantized
/// operand is within half a step of its input, so for an input a that is itself already off by at most e[k]:
/// <c>|Δy[n]| ≤ Σ_k |W[k,n]|·d[k] + (|a[k]| + d[k])·s_w[n]/2</c> with <c>d[k] = e[k] + s_a/2</c>.
/// </summary>
internal static class ErrorBound
{
    /// <summary>The float reference <c>a · W</c> in double, rows of a times [K, N] W.</summary>
    public static double[] MatMul(double[] a, int rows, float[] w, int k, int n)
    {
        var y = new double[rows * n];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < k; i++)
                {
                    sum += a[(r * k) + i] * w[(i * n) + j];
                }

                y[(r * n) + j] = sum;
            }
        }

        return y;
    }

    /// <summary>
    /// The bound per output of a [rows, K] · [K, N] product whose input a carries an error of at most <paramref name="inputError"/>
    /// per element (zeros for a model input). ORT's DynamicQuantizeLinear step is range(a ∪ {0}) / 255 over the whole tensor.
    /// </summary>
    public static double[] Bound(double[] a, double[] inputError, int rows, float[] w, int k, int n)
    {
        double maxError = inputError.DefaultIfEmpty(0).Max();
        double high = Math.Max(0, a.Max() + maxError);
        double low = Math.Min(0, a.Min() - maxError);
        double stepA = (high - low) / 255;
        var stepW = new double[n];
        for (int j = 0; j < n; j++)
        {
            double max = 0;
            for (int i = 0; i < k; i++)
            {
                max = Math.Max(max, Math.Abs(w[(i * n) + j]));
            }

            stepW[j] = max == 0 ? 1 : max / 127;
        }

        var bound = new double[rows * n];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                double magnitude = 0;
                for (int i = 0; i < k; i++)
                {
                    double d = inputError[(r * k) + i] + (stepA / 2);
                    double x = Math.Abs(a[(r * k) + i]);
                    sum += (Math.Abs(w[(i * n) + j]) * d) + ((x + d) * stepW[j] / 2);
                    magnitude += x * Math.Abs(w[(i * n) + j]);
                }

                // Float32 rounding in ORT's final scaling and bias add: far below a quantization step.
                bound[(r * n) + j] = (sum * 1.0001) + (magnitude * 1e-5) + 1e-6;
            }
        }

        return bound;
    }
}
