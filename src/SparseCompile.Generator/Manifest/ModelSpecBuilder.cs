using System;
using System.Collections.Generic;
using SparseCompile.Generator.Diagnostics;
using SparseCompile.Generator.Models;
using SparseCompile.Generator.Naming;

namespace SparseCompile.Generator.Manifest;

/// <summary>
/// Turns one manifest and its item metadata into the <see cref="ModelSpec"/> to emit: class name, namespace and
/// load mode from the metadata (or their defaults), tensors named by <see cref="MemberNamer"/>, and every problem
/// as a diagnostic located in the manifest.
/// </summary>
internal static class ModelSpecBuilder
{
    public static ParseResult Build(ManifestInput input)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var model = Build(input, diagnostics);
        return new ParseResult(diagnostics.Count == 0 ? model : null, EquatableArray.From(diagnostics));
    }

    private static ModelSpec? Build(ManifestInput input, List<DiagnosticInfo> diagnostics)
    {
        var fileStart = ManifestLocations.FileStart(input.Path);
        if (input.Text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedJson, fileStart, "the file could not be read"));
            return null;
        }

        var document = ManifestParser.Parse(input.Path, input.Text, diagnostics);
        if (document is null)
        {
            return null;
        }

        var load = LoadModeOf(input.Load, fileStart, diagnostics);
        string className = ClassNameOf(input.ClassName, document.ModelFile, fileStart, diagnostics);
        string? ns = NamespaceOf(input.Namespace ?? input.RootNamespace, fileStart, diagnostics);
        var namer = new MemberNamer();
        var inputs = Tensors(input.Path, document.Inputs, isInput: true, namer, diagnostics);
        var outputs = Tensors(input.Path, document.Outputs, isInput: false, namer, diagnostics);
        if (diagnostics.Count > 0 || load is null)
        {
            return null;
        }

        return new ModelSpec(ns, className, load.Value, input.ModelPath ?? document.ModelFile,
            string.Equals(document.Quantization, "static", StringComparison.Ordinal), document.ModelFile, Summary(document),
            EquatableArray.From(inputs), EquatableArray.From(outputs), EquatableArray.From(namer.DimParameters), namer.CancellationParameter(), input.Path);
    }

    private static LoadMode? LoadModeOf(string? value, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        if (value is null || string.Equals(value, "File", StringComparison.OrdinalIgnoreCase))
        {
            return LoadMode.File;
        }

        if (string.Equals(value, "Resource", StringComparison.OrdinalIgnoreCase))
        {
            return LoadMode.Resource;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLoadMode, location, value));
        return null;
    }

    private static string ClassNameOf(string? given, string modelFile, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        string name = given ?? IdentifierCleaner.ToPascal(ModelFileStem(modelFile), "Model", 1);
        if (!CSharpNames.IsIdentifier(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidClassName, location, name));
        }
        else if (Array.IndexOf(GeneratedMembers.All, name) >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameCollision, location, name));
        }

        return name;
    }

    /// <summary>The model file name without its folder and its .onnx (and .br) endings: "models/resnet-18.onnx" → "resnet-18".</summary>
    private static string ModelFileStem(string modelFile)
    {
        string name = modelFile.Substring(modelFile.LastIndexOfAny(['/', '\\']) + 1);
        foreach (string suffix in new[] { ".br", ".onnx" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }

    private static string? NamespaceOf(string? value, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        if (value is null)
        {
            return null;
        }

        if (!CSharpNames.IsNamespace(value))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNamespace, location, value));
        }

        return value;
    }

    private static List<TensorSpec> Tensors(string path, IReadOnlyList<RawTensor> tensors, bool isInput, MemberNamer namer, List<DiagnosticInfo> diagnostics)
    {
        var specs = new List<TensorSpec>();
        string role = isInput ? "input" : "output";
        for (int i = 0; i < tensors.Count; i++)
        {
            var tensor = tensors[i];
            var elementType = ElementTypeMap.Find(tensor.ElementType);
            if (elementType is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, ManifestLocations.Of(path, tensor.ElementTypeNode),
                    role, tensor.Name, tensor.ElementType, ElementTypeMap.SupportedNames));
                continue;
            }

            if (isInput && tensor.Dims is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputWithoutShape, ManifestLocations.Of(path, tensor.Node), tensor.Name));
                continue;
            }

            specs.Add(namer.Name(tensor, elementType, isInput, i + 1));
        }

        return specs;
    }

    private static string Summary(ManifestDocument document)
    {
        string sparsity = document.Sparsity == "none"
            ? "dense weights"
            : document.Sparsified is long sparsified && document.PrunableWeights is long prunable
                ? $"{document.Sparsity} sparsity on {sparsified} of {prunable} weights"
                : $"{document.Sparsity} sparsity";
        string quantization = document.Quantization switch
        {
            "none" => "float weights",
            "dynamic" => "dynamic INT8",
            "static" => "static INT8 (QDQ)",
            _ => document.Quantization + " quantization",
        };
        return sparsity + "; " + quantization;
    }
}
