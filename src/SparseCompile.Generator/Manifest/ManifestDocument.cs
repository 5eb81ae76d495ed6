using System.Collections.Generic;
using SparseCompile.Generator.Manifest.Json;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Manifest;

/// <summary>The parts of a schema-1 manifest the generator uses; only the tensors (<see cref="RawTensor"/>) keep their JSON nodes, for diagnostic locations.</summary>
internal sealed record ManifestDocument(
    string ModelFile,
    string Sparsity,
    string Quantization,
    long? PrunableWeights,
    long? Sparsified,
    IReadOnlyList<RawTensor> Inputs,
    IReadOnlyList<RawTensor> Outputs);

/// <summary>An input or output as the manifest states it; <see cref="Dims"/> is null when the rank is unknown.</summary>
internal sealed record RawTensor(string Name, string ElementType, IReadOnlyList<DimSpec>? Dims, JsonNode Node, JsonNode ElementTypeNode);
