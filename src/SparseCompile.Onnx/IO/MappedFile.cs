using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace SparseCompile.Onnx.IO;

/// <summary>A whole file mapped read-only into memory; ranges of it are handed out as memory without copying.</summary>
internal sealed unsafe partial class MappedFile : IDisposable
{
    private const int AdviseDontNeed = 4; // MADV_DONTNEED on Linux

    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly byte* viewBase;
    private readonly byte* start;
    private bool disposed;

    public MappedFile(string path)
    {
        Path = path;
        Length = new FileInfo(path).Length;
        if (Length == 0)
        {
            return; // an empty file cannot be mapped; it has no ranges to hand out anyway
        }

        map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref viewBase);
        start = viewBase + view.PointerOffset;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The bytes [offset, offset + length); the caller has checked the range.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return length == 0 ? ReadOnlyMemory<byte>.Empty : new PointerMemory(start + offset, length).Memory;
    }

    /// <summary>How many bytes may be read through mappings before their pages are dropped again (see <see cref="Trim"/>).</summary>
    public const long TrimEveryBytes = 256L << 20;

    /// <summary>
    /// Writes the bytes [offset, offset + length) to <paramref name="destination"/> in pieces; the caller has checked the range.
    /// Long copies drop the pages behind them, so copying a huge tensor does not leave it resident.
    /// </summary>
    public void CopyTo(long offset, long length, Stream destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        const int Chunk = 1 << 20;
        for (long done = 0; done < length;)
        {
            int count = (int)Math.Min(Chunk, length - done);
            destination.Write(new ReadOnlySpan<byte>(start + offset + done, count));
            done += count;
            if (done % TrimEveryBytes == 0)
            {
                Trim();
            }
        }
    }

    /// <summary>
    /// Drops the pages read so far from this process's resident set (Linux; elsewhere the system trims under pressure).
    /// The mapping is read-only and shared, so a later read faults the same bytes back in from the file: every view
    /// handed out stays valid. Without this, reading a 4 GB model through its mapping leaves all 4 GB resident.
    /// </summary>
    public void Trim()
    {
        if (disposed || view is null || !OperatingSystem.IsLinux())
        {
            return;
        }

        _ = Advise((nint)viewBase, (nuint)view.SafeMemoryMappedViewHandle.ByteLength, AdviseDontNeed); // advice only: failure changes nothing
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (view is not null)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
        }

        map?.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);

    /// <summary>Exposes a range of mapped memory as <see cref="Memory{T}"/>; the mapping owns the bytes.</summary>
    private sealed class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
