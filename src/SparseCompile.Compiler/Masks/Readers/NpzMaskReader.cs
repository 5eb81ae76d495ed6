using System.IO.Compression;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Npy;
using SparseCompile.Compiler.Masks.Zip;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>
/// Reads an .npz: a zip of <c>&lt;key&gt;.npy</c> entries, stored (numpy.savez) or deflated
/// (numpy.savez_compressed). Keys are entry names without ".npy" and may hold dots and slashes.
/// Entry sizes come from the zip's central directory; they are checked against limits first
/// and then enforced while reading, so a lying entry never decompresses more than it declared.
/// </summary>
internal static class NpzMaskReader
{
    public static MaskSet Read(string path, MaskReadOptions options)
    {
        using var file = MaskFileStreams.OpenRead(path);
        ZipArchive? archive = null;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            _ = archive.Entries; // the central directory is read here, not by the constructor (found by fuzzing, issue 7)
        }
        catch (InvalidDataException e)
        {
            archive?.Dispose();
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, path, $"the .npz file is not a readable zip: {e.Message}", inner: e);
        }

        using (archive)
        {
            var masks = new List<MaskTensor>(archive.Entries.Count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') && entry.Length == 0)
                {
                    continue; // a folder entry some zip tools add; it holds no array
                }

                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    throw new SparseCompileException(MaskDiagnosticCodes.NpzEntryNotNpy, path,
                        $"entry '{entry.FullName}' is not an .npy array (its name does not end in .npy)", entry.FullName);
                }

                string key = entry.FullName[..^".npy".Length];
                MaskErrors.RequireKey(path, key, "an entry named '.npy'");
                if (!keys.Add(key))
                {
                    throw MaskErrors.DuplicateKey(path, key);
                }

                ZipEntryLimits.Check(entry, file.Length, options, path, key);
                masks.Add(ReadEntry(entry, path, key));
            }

            return new MaskSet(path, masks);
        }
    }

    private static MaskTensor ReadEntry(ZipArchiveEntry entry, string path, string key)
    {
        try
        {
            using var stream = new CheckedEntryStream(entry.Open(), entry.Length, entry.Crc32, path, key);
            var mask = NpyArrayReader.Read(stream, entry.Length, path, key);
            stream.VerifyEnd();
            return mask;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, path, $"entry '{key}' cannot be decompressed: {e.Message}", key, e);
        }
    }
}
