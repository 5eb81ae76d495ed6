namespace SparseCompile.Testing.RealData;

/// <summary>
/// One hundred real English sentences from Jane Austen's Pride and Prejudice (public domain; see
/// tests/fixtures/real-data/sentences/README.md), split into a calibration set and a held-out set.
/// </summary>
public static class Sentences
{
    /// <summary>How many of the sentences, from the start, are for calibration; the rest are held out.</summary>
    public const int CalibrationCount = 60;

    private static readonly Lazy<string[]> Lines = new(Read);

    /// <summary>Every sentence, in file order.</summary>
    public static IReadOnlyList<string> All => Lines.Value;

    /// <summary>The first <see cref="CalibrationCount"/> sentences.</summary>
    public static IReadOnlyList<string> Calibration => Lines.Value[..CalibrationCount];

    /// <summary>The sentences after the calibration set.</summary>
    public static IReadOnlyList<string> Holdout => Lines.Value[CalibrationCount..];

    /// <summary>sentences.txt: one sentence a line.</summary>
    public static string FilePath => RealDataFiles.Find("sentences", "sentences.txt");

    private static string[] Read() =>
        [.. File.ReadAllLines(FilePath).Select(l => l.Trim()).Where(l => l.Length > 0)];
}
