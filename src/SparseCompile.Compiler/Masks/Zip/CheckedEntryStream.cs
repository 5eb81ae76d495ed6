using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Zip;

/// <summary>
/// Reads a zip entry's decompressed bytes without trusting its declared size: fails as soon as
/// more bytes arrive than declared (SC1106), when the data ends early (SC1105), and when the
/// CRC-32 of what arrived differs from the declared one (SC1105).
/// </summary>
internal sealed class CheckedEntryStream(Stream inner, long declaredLength, uint declaredCrc, string? filePath, string key) : Stream
{
    private readonly byte[] probe = new byte[1];
    private Crc32 crc = Crc32.Start();
    private long position;
    private bool verified;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => declaredLength;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (position == declaredLength)
        {
            VerifyEnd();
            return 0;
        }

        int wanted = (int)Math.Min(buffer.Length, declaredLength - position);
        int got = inner.Read(buffer[..wanted]);
        if (got == 0)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, filePath,
                $"entry '{key}' ends after {position} of its declared {declaredLength} bytes", key);
        }

        crc.Append(buffer[..got]);
        position += got;
        return got;
    }

    /// <summary>Checks that the entry has no bytes beyond its declared size and that its CRC-32 matches.</summary>
    public void VerifyEnd()
    {
        if (verified)
        {
            return;
        }

        if (position < declaredLength)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, filePath,
                $"entry '{key}' was not read to its declared end ({position} of {declaredLength} bytes)", key);
        }

        if (inner.Read(probe) > 0)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.ZipEntryTooLarge, filePath,
                $"entry '{key}' holds more than its declared {declaredLength} bytes", key);
        }

        if (crc.Value != declaredCrc)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, filePath,
                $"entry '{key}' fails its CRC-32 check (declared {declaredCrc:x8}, computed {crc.Value:x8})", key);
        }

        verified = true;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
