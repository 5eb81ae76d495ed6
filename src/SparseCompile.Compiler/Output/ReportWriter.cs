using System.Globalization;
using System.Net;
using System.Text;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Writes <c>&lt;name&gt;.report.html</c>: one self-contained page (inline CSS and SVG, no scripts, no
/// external resources) with the totals, a per-layer density chart that marks N:M compliance, the
/// per-weight table and the warnings. Deterministic like the manifest.
/// </summary>
public static class ReportWriter
{
    private const int ChartWidth = 920;
    private const int LabelWidth = 330;
    private const int RowHeight = 20;

    /// <summary>The report as UTF-8 bytes.</summary>
    public static byte[] Write(CompilationContext context, CompileSummary summary)
    {
        var outcomes = context.Weights.Select(w => context.Outcomes[w.Name]).ToArray();
        string title = $"{context.Options.ResolvedOutputName}: {context.Options.Sparsity?.ToString() ?? "mask only"}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title)).Append(" · SparseCompile report</title>\n<style>\n").Append(Styles).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Encode(context.Options.ResolvedOutputName)).Append("</h1>\n<p class=\"sub\">Compiled by SparseCompile ")
            .Append(Encode(GeneratorVersion.Value)).Append(" · pattern <b>").Append(Encode(context.Options.Sparsity?.ToString() ?? "none"))
            .Append("</b>").Append(context.Options.MaskPath is null ? string.Empty : $" · mask <b>{Encode(Path.GetFileName(context.Options.MaskPath))}</b>")
            .Append("</p>\n");
        AppendTotals(html, summary);
        AppendChart(html, outcomes, context.Options);
        AppendTable(html, outcomes);
        AppendQuantized(html, context.Quantized);
        AppendChanges(html, context.Changes);
        AppendWarnings(html, context.Diagnostics);
        html.Append("</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static void AppendTotals(StringBuilder html, CompileSummary s)
    {
        html.Append("<section class=\"cards\">\n");
        Card(html, "Weights sparsified", string.Create(CultureInfo.InvariantCulture, $"{s.Sparsified} of {s.PrunableWeights}"), s.Skipped == 0 ? "none left dense" : string.Create(CultureInfo.InvariantCulture, $"{s.Skipped} left dense"));
        Card(html, "Density of prunable weights", $"{Percent(s.DensityBefore)} → {Percent(s.DensityAfter)}", string.Create(CultureInfo.InvariantCulture, $"{s.PrunableParameters:N0} parameters"));
        if (s.MaskRetention is double retention)
        {
            Card(html, "Mask kept after N:M", Percent(retention), $"Hamming distance {s.MaskDistance!.Value.ToString("0.0000", CultureInfo.InvariantCulture)}");
        }

        Card(html, "Model size", $"{Bytes(s.InputModelBytes)} → {Bytes(s.OutputModelBytes)}", "ONNX stores the zeros densely");
        if (s.CompressedModelBytes is long compressed)
        {
            double ratio = (double)s.InputModelBytes / Math.Max(1, compressed);
            Card(html, "Shipped (Brotli)", Bytes(compressed), $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}× smaller than the input model");
        }
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string label, string value, string note) =>
        html.Append("<div class=\"card\"><div class=\"label\">").Append(Encode(label)).Append("</div><div class=\"value\">")
            .Append(Encode(value)).Append("</div><div class=\"note\">").Append(Encode(note)).Append("</div></div>\n");

    private static void AppendChart(StringBuilder html, WeightOutcome[] outcomes, CompileOptions options)
    {
        html.Append("<h2>Density per layer</h2>\n<p class=\"legend\"><span class=\"sw ok\"></span>meets ")
            .Append(Encode(options.Sparsity?.ToString() ?? "the mask")).Append(" <span class=\"sw bad\"></span>sparsified, not compliant <span class=\"sw dense\"></span>left dense <span class=\"sw before\"></span>density before</p>\n");
        int barWidth = ChartWidth - LabelWidth - 60;
        int height = (outcomes.Length * RowHeight) + 30;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"{ChartWidth}\" height=\"{height}\" viewBox=\"0 0 {ChartWidth} {height}\" role=\"img\" aria-label=\"density per layer\">\n");
        for (int i = 0; i < outcomes.Length; i++)
        {
            var o = outcomes[i];
            int y = i * RowHeight;
            string kind = o.Skipped ? "dense" : o.Compliant ? "ok" : "bad";
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 14}\" class=\"lbl\">{Encode(Shorten(o.Name, 44))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{Scale(o.DensityBefore, barWidth)}\" height=\"14\" class=\"before\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 5}\" width=\"{Scale(o.DensityAfter, barWidth)}\" height=\"10\" class=\"{kind}\"><title>{Encode(o.Name)}: {Percent(o.DensityAfter)} dense ({Encode(o.Pattern)})</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + barWidth + 6}\" y=\"{y + 14}\" class=\"val\">{Percent(o.DensityAfter)}</text>\n");
        }

        if (options.Sparsity is { } pattern)
        {
            double target = (double)pattern.N / pattern.M;
            int x = LabelWidth + Scale(target, barWidth);
            int bottom = outcomes.Length * RowHeight;
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{bottom}\" class=\"target\"/><text x=\"{x}\" y=\"{bottom + 16}\" class=\"tick\">{pattern} = {Percent(target)}</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static void AppendTable(StringBuilder html, WeightOutcome[] outcomes)
    {
        html.Append("<h2>Weights</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Weight</th><th>Op</th><th>Shape</th><th>Axis</th><th>Pattern</th><th>Density before</th><th>Density after</th><th>Mask kept</th><th>Note</th></tr></thead>\n<tbody>\n");
        foreach (var o in outcomes)
        {
            html.Append("<tr").Append(o.Skipped ? " class=\"skipped\"" : string.Empty).Append("><td class=\"name\">").Append(Encode(o.Name))
                .Append("</td><td>").Append(Encode(o.OpType))
                .Append("</td><td>[").Append(string.Join(", ", o.Dims)).Append("]</td><td>").Append(o.ReductionAxis.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(o.Pattern)).Append(o.Skipped || o.Compliant ? string.Empty : " ✗")
                .Append("</td><td class=\"num\">").Append(Percent(o.DensityBefore))
                .Append("</td><td class=\"num\">").Append(Percent(o.DensityAfter))
                .Append("</td><td class=\"num\">").Append(o.MaskRetention is double r ? Percent(r) : "–")
                .Append("</td><td class=\"note\">").Append(Encode(o.SkipReason ?? (o.MaskKey is null ? string.Empty : "mask " + o.MaskKey)))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendQuantized(StringBuilder html, IReadOnlyList<QuantizedWeight> quantized)
    {
        if (quantized.Count == 0)
        {
            return;
        }

        html.Append("<h2>INT8</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Node</th><th>Op</th><th>Weight</th><th>Mode</th><th>Scale axis</th><th>Weight scales</th><th>Activation range</th></tr></thead>\n<tbody>\n");
        foreach (var q in quantized)
        {
            html.Append("<tr><td class=\"name\">").Append(Encode(q.Node)).Append("</td><td>").Append(Encode(q.OpType))
                .Append("</td><td class=\"name\">").Append(Encode(q.Weight)).Append("</td><td>").Append(Encode(q.Mode))
                .Append("</td><td>").Append(q.Axis is int axis ? axis.ToString(CultureInfo.InvariantCulture) : "tensor")
                .Append("</td><td class=\"num\">").Append(Scale(q.MinScale)).Append(" … ").Append(Scale(q.MaxScale))
                .Append("</td><td>").Append(Encode(q.ActivationRange ?? "at run time")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendChanges(StringBuilder html, IReadOnlyList<GraphChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        html.Append("<h2>Graph changes</h2>\n<ul>\n");
        foreach (var change in changes)
        {
            html.Append("<li><code>").Append(Encode(change.Pass)).Append("</code> ").Append(Encode(change.Description)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Scale(float value) => value.ToString("0.####E+0", CultureInfo.InvariantCulture);

    private static void AppendWarnings(StringBuilder html, IReadOnlyList<CompileDiagnostic> diagnostics)
    {
        html.Append("<h2>Warnings</h2>\n");
        if (diagnostics.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<ul class=\"warnings\">\n");
        foreach (var d in diagnostics)
        {
            html.Append("<li><code>").Append(Encode(d.Code)).Append("</code> ").Append(Encode(d.Message)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static int Scale(double fraction, int width) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Styles = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
        h1 { margin-bottom: 0; } h2 { margin-top: 2rem; border-bottom: 1px solid #e3e6ec; padding-bottom: .25rem; }
        .sub { color: #5b6475; margin-top: .25rem; }
        .cards { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.25rem; }
        .card { flex: 1 1 200px; border: 1px solid #e3e6ec; border-radius: 8px; padding: .75rem 1rem; background: #fafbfc; }
        .card .label { color: #5b6475; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 20px; font-weight: 600; margin: .2rem 0; }
        .card .note { color: #5b6475; font-size: 12px; }
        .legend { color: #5b6475; font-size: 12px; } .sw { display: inline-block; width: 10px; height: 10px; margin: 0 .3rem 0 .8rem; border-radius: 2px; }
        .chart .lbl { font: 11px ui-monospace, monospace; text-anchor: end; fill: #1d2330; }
        .chart .val, .chart .tick { font: 11px system-ui, sans-serif; fill: #5b6475; }
        .chart .tick { text-anchor: middle; }
        .ok { fill: #2f9e66; background: #2f9e66; } .bad { fill: #d9480f; background: #d9480f; } .dense { fill: #adb5bd; background: #adb5bd; }
        .before { fill: #e9ecf2; background: #e9ecf2; } .target { stroke: #1d2330; stroke-dasharray: 4 3; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eef0f4; }
        td { white-space: nowrap; } td.note { white-space: normal; } .scroll { overflow-x: auto; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; } td.name { font-family: ui-monospace, monospace; }
        tr.skipped td { color: #7a8294; }
        .warnings code { background: #fff4e6; padding: 0 .3rem; border-radius: 3px; }

        """;
}
