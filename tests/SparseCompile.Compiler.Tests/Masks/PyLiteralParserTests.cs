using SparseCompile.Compiler.Masks.Npy;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>The strict Python literal parser behind .npy headers.</summary>
public class PyLiteralParserTests
{
    [Fact]
    public void ParsesTheHeaderNumpyWrites()
    {
        var entries = PyLiteralParser.ParseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }                    \n");
        Assert.Equal(["descr", "fortran_order", "shape"], entries.Select(e => e.Key));
        Assert.Equal(new PyString("<f4"), entries[0].Value);
        Assert.Equal(new PyBool(false), entries[1].Value);
        var shape = Assert.IsType<PySequence>(entries[2].Value);
        Assert.True(shape.IsTuple);
        Assert.Equal([new PyInt(3), new PyInt(4)], shape.Items);
    }

    [Theory]
    [InlineData("()", 0)]
    [InlineData("(5,)", 1)]
    [InlineData("( 5 , 6 , )", 2)]
    [InlineData("(5L, 6L)", 2)]
    public void ParsesTuples(string tuple, int count)
    {
        var value = Assert.IsType<PySequence>(PyLiteralParser.ParseDict($"{{'shape': {tuple}}}")[0].Value);
        Assert.True(value.IsTuple);
        Assert.Equal(count, value.Items.Count);
    }

    [Fact]
    public void ParsesNestedListsOfTuples()
    {
        var value = Assert.IsType<PySequence>(PyLiteralParser.ParseDict("{'descr': [('a', '<f4'), ('b', '<i4', (2,))]}")[0].Value);
        Assert.False(value.IsTuple);
        Assert.Equal(2, value.Items.Count);
    }

    [Theory]
    [InlineData("{'a': Truex}")]
    [InlineData("{'a': None}")]
    [InlineData("{'a': 1 2}")]
    [InlineData("{'a': (1 2)}")]
    [InlineData("{'a': 0x10}")]
    [InlineData("{'a': 1_000}")]
    [InlineData("{'a': -}")]
    [InlineData("{'a': 'x\\'y'}")]
    [InlineData("{'a': {'b': 1}}")]
    [InlineData("{'a' 1}")]
    [InlineData("{'a': 1}}")]
    [InlineData("{'a': 1,,}")]
    [InlineData("{1: 1}")]
    [InlineData("{'a': 1")]
    [InlineData("{'a': 'unterminated}")]
    public void RejectsAnythingElse(string text)
    {
        Assert.Throws<PyLiteralException>(() => PyLiteralParser.ParseDict(text));
    }
}
