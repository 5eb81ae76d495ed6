using System.IO.Compression;
using SparseCompile.Compiler.Masks.Zip;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Reads one sample from an .npz file (numpy.savez or savez_compressed): an <c>&lt;input name&gt;.npy</c> entry per
/// runtime input. Declared entry sizes are checked against a limit and against what deflate can expand to before
/// anything is decompressed, then enforced while reading, and the CRC-32 is verified.
/// </summary>
internal static class NpzSampleReader
{
    /// <summary>The most bytes one entry may declare: one .NET array.</summary>
    public const long MaxEntryBytes = int.MaxValue - 64;

    // Deflate emits at most 258 bytes per 2-bit code.
    private const long MaxExpansionRatio = 1032;

    /// <summary>The sample in <paramref name="path"/>, its tensors in the model's input order.</summary>
    public static InputSample Read(string path, IReadOnlyList<InputSpec> inputs)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var archive = Open(file, path);
            var tensors = new SampleTensor?[inputs.Count];
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') && entry.Length == 0)
                {
                    continue;
                }

                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    throw SampleErrors.Malformed(path, entry.FullName, "is not an .npy array (its entry name does not end in .npy)");
                }

                string name = entry.FullName[..^".npy".Length];
                int slot = IndexOf(inputs, name);
                if (slot < 0)
                {
                    throw SampleErrors.UnknownInput(path, name, inputs);
                }

                if (tensors[slot] is not null)
                {
                    throw SampleErrors.DuplicateInput(path, name);
                }

                var tensor = NumpyArray.Read(ReadEntry(entry, file.Length, path, name), name, path);
                tensors[slot] = SampleConformance.Conform(tensor, inputs[slot], path);
            }

            for (int i = 0; i < inputs.Count; i++)
            {
                if (tensors[i] is null)
                {
                    throw SampleErrors.MissingInput(path, inputs[i].Name);
                }
            }

            return new InputSample(path, tensors!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SampleErrors.ReadFailed(path, e);
        }
    }

    private static ZipArchive Open(FileStream file, string path)
    {
        ZipArchive? archive = null;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            _ = archive.Entries; // the central directory is read here, not by the constructor (found by fuzzing, issue 7)
            return archive;
        }
        catch (InvalidDataException e)
        {
            archive?.Dispose();
            throw SampleErrors.Malformed(path, null, $"the .npz file is not a readable zip: {e.Message}");
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, long fileLength, string path, string name)
    {
        if (entry.CompressedLength > fileLength)
        {
            throw SampleErrors.Malformed(path, name, $"declares {entry.CompressedLength} compressed bytes, more than the {fileLength}-byte file holds");
        }

        if (entry.Length > MaxEntryBytes)
        {
            throw SampleErrors.TooLarge(path, name, entry.Length, MaxEntryBytes);
        }

        if (entry.Length > Math.Max(1, entry.CompressedLength) * MaxExpansionRatio)
        {
            throw SampleErrors.Malformed(path, name, $"declares {entry.Length} bytes from {entry.CompressedLength} compressed bytes, an expansion deflate cannot produce");
        }

        var bytes = new byte[entry.Length];
        try
        {
            using var stream = entry.Open();
            int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
            {
                throw SampleErrors.Malformed(path, name, $"ends after {got} of its declared {bytes.Length} bytes");
            }

            if (stream.ReadByte() >= 0)
            {
                throw SampleErrors.Malformed(path, name, $"holds more than its declared {bytes.Length} bytes");
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw SampleErrors.Malformed(path, name, $"cannot be decompressed: {e.Message}");
        }

        var crc = Crc32.Start();
        crc.Append(bytes);
        if (crc.Value != entry.Crc32)
        {
            throw SampleErrors.Malformed(path, name, $"fails its CRC-32 check (declared {entry.Crc32:x8}, computed {crc.Value:x8})");
        }

        return bytes;
    }

    private static int IndexOf(IReadOnlyList<InputSpec> inputs, string name)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            if (string.Equals(inputs[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
