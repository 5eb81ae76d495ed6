namespace SparseCompile.Onnx.Tests.Support;

/// <summary>
/// Hand-written protobuf bytes, independent of Google.Protobuf, for messages no well-behaved writer
/// produces: declared lengths far beyond the bytes present, wrong wire types, and so on.
/// </summary>
public static class Wire
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>A varint field.</summary>
    public static byte[] Int(int field, long value) => [.. Varint((ulong)field << 3), .. Varint((ulong)value)];

    /// <summary>A length-delimited field holding <paramref name="payload"/>.</summary>
    public static byte[] Bytes(int field, byte[] payload) => Claim(field, payload, 0);

    /// <summary>A length-delimited field that declares <paramref name="extra"/> more bytes than <paramref name="payload"/> holds.</summary>
    public static byte[] Claim(int field, byte[] payload, long extra) =>
        [.. Varint(((ulong)field << 3) | 2), .. Varint((ulong)(payload.Length + extra)), .. payload];

    public static byte[] Utf8(int field, string text) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
