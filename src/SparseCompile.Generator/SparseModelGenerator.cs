using System;
using Microsoft.CodeAnalysis;
using System.Linq;
using SparseCompile.Generator.Diagnostics;
using SparseCompile.Generator.Emit;
using SparseCompile.Generator.Manifest;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator;

/// <summary>
/// Generates a typed wrapper class for every <c>*.sparsemodel.json</c> additional file (the manifests the
/// SparseCompile MSBuild targets write): manifest text and item metadata → value-equal models → C# source, with
/// diagnostics reported on their own so that unchanged manifests skip parsing and emission.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SparseModelGenerator : IIncrementalGenerator
{
    /// <summary>The version written into <c>[GeneratedCode]</c>.</summary>
    internal static readonly string Version = typeof(SparseModelGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(ManifestMetadata.FileSuffix, StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.ManifestFiles)
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellation) => ManifestMetadata.Read(pair.Left, pair.Right, cancellation))
            .WithTrackingName(TrackingNames.ManifestInputs)
            .Select(static (input, _) => ModelSpecBuilder.Build(input))
            .WithTrackingName(TrackingNames.ParseResults);

        var models = results
            .Select(static (result, _) => result.Model)
            .WithTrackingName(TrackingNames.Models);

        // Only the class names cross manifests: a changed manifest re-emits its own class unless the set of duplicates changes.
        var allModels = models.Collect();
        var duplicateNames = allModels
            .Select(static (all, _) => DuplicateClasses.Names(all))
            .WithTrackingName(TrackingNames.DuplicateClasses);

        context.RegisterSourceOutput(results.Select(static (result, _) => result.Diagnostics), Report);
        context.RegisterSourceOutput(allModels.Select(static (all, _) => DuplicateClasses.Diagnostics(all)), Report);
        context.RegisterSourceOutput(models.Combine(duplicateNames), static (output, pair) =>
        {
            var (model, duplicates) = pair;
            if (model is not null && !DuplicateClasses.IsDuplicate(duplicates, model.FullName))
            {
                output.AddSource(model.HintName, WrapperEmitter.Emit(model, Version));
            }
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
