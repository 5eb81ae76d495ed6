namespace SparseCompile.Onnx.IO;

/// <summary>
/// A scratch file that holds the values of large tensors a compile rewrote, so that a model whose weights do not fit
/// in memory can be rewritten tensor by tensor. Tensors point into it with the reserved location
/// <see cref="Location"/>, which no file path can spell (it holds a NUL), so a model read from disk can never reach it.
/// The file is created on first use and removed as soon as it is open (Unix) or when it is closed (Windows), so
/// even a killed process leaves nothing behind.
/// </summary>
internal sealed class SpillFile(string folder) : IDisposable
{
    /// <summary>The external_data location of tensors kept in the spill file.</summary>
    public const string Location = "\0spill";

    private const int Alignment = 4096;
    private readonly object gate = new();
    private FileStream? stream;

    /// <summary>The folder the scratch file goes in.</summary>
    public string Folder { get; } = folder;

    /// <summary>How many bytes the file holds.</summary>
    public long Length
    {
        get
        {
            lock (gate)
            {
                return stream?.Length ?? 0;
            }
        }
    }

    /// <summary>Appends <paramref name="bytes"/> and returns the offset they start at.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            var file = Open();
            long offset = (file.Length + Alignment - 1) / Alignment * Alignment;
            file.Position = file.Length;
            file.Write(new byte[offset - file.Length]);
            file.Write(bytes);
            file.Flush();
            return offset;
        }
    }

    /// <summary>A copy of the bytes [offset, offset + length).</summary>
    public byte[] Read(long offset, int length)
    {
        lock (gate)
        {
            var file = Require(offset, length);
            var bytes = GC.AllocateUninitializedArray<byte>(length);
            RandomAccess.Read(file.SafeFileHandle, bytes, offset);
            return bytes;
        }
    }

    /// <summary>Writes the bytes [offset, offset + length) to <paramref name="destination"/> in pieces.</summary>
    public void CopyTo(long offset, long length, Stream destination)
    {
        lock (gate)
        {
            var file = Require(offset, length);
            var chunk = new byte[1 << 20];
            for (long done = 0; done < length;)
            {
                int count = RandomAccess.Read(file.SafeFileHandle, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - done)), offset + done);
                destination.Write(chunk, 0, count);
                done += count;
            }
        }
    }

    /// <summary>Checks that [offset, offset + length) lies inside what was appended.</summary>
    public bool Holds(long offset, long length)
    {
        lock (gate)
        {
            return stream is not null && offset >= 0 && length >= 0 && offset <= stream.Length - length;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stream?.Dispose();
            stream = null;
        }
    }

    private FileStream Require(long offset, long length)
    {
        if (stream is null || !Holds(offset, length))
        {
            throw new InvalidOperationException($"Bytes {offset}..{offset + length} are not in the spill file.");
        }

        return stream;
    }

    private FileStream Open()
    {
        if (stream is not null)
        {
            return stream;
        }

        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, ".sparsecompile-spill-" + Guid.NewGuid().ToString("N") + ".tmp");
        stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path); // the open handle keeps the bytes; the name is gone even if the process is killed
        }

        return stream;
    }
}
