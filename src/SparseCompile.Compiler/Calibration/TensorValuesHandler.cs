namespace SparseCompile.Compiler.Calibration;

/// <summary>Receives the values a calibration run produced for one tensor; the span is valid only during the call.</summary>
/// <param name="name">The tensor's name.</param>
/// <param name="values">Its values for one sample, in C order.</param>
public delegate void TensorValuesHandler(string name, ReadOnlySpan<float> values);
