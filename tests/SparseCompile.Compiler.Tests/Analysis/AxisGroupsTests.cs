using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Tests.Analysis;

public class AxisGroupsTests
{
    [Fact]
    public void SplitsShapeAroundTheAxis()
    {
        var groups = AxisGroups.Create([2, 8, 3, 5], 1, 4);
        Assert.Equal(1, groups.Axis);
        Assert.Equal(2, groups.Outer);
        Assert.Equal(8, groups.Length);
        Assert.Equal(15, groups.Inner);
        Assert.Equal(15, groups.Stride);
        Assert.Equal(2 * 8 * 15, groups.ElementCount);
        Assert.True(groups.IsDivisible);
        Assert.Equal(2, groups.GroupsPerLine);
        Assert.Equal(2 * 2 * 15, groups.GroupCount);
    }

    [Fact]
    public void NegativeAxisCountsFromTheEnd()
    {
        var groups = AxisGroups.Create([3, 8, 6], -2, 4);
        Assert.Equal(1, groups.Axis);
        Assert.Equal(3, groups.Outer);
        Assert.Equal(6, groups.Inner);
    }

    [Fact]
    public void LastAxisGroupsAreContiguous()
    {
        var groups = AxisGroups.Create([2, 8], 1, 4);
        Assert.Equal(1, groups.Stride);
        Assert.Equal([0L, 1, 2, 3], groups.GroupIndices(0));
        Assert.Equal([4L, 5, 6, 7], groups.GroupIndices(1));
        Assert.Equal([8L, 9, 10, 11], groups.GroupIndices(2));
        Assert.Equal([12L, 13, 14, 15], groups.GroupIndices(3));
    }

    [Fact]
    public void FirstAxisGroupsRunDownColumns()
    {
        // A MatMul weight [K=8, N=3]: groups of 4 rows of one column.
        var groups = AxisGroups.Create([8, 3], 0, 4);
        Assert.Equal(3, groups.Stride);
        Assert.Equal(6, groups.GroupCount);
        Assert.Equal([0L, 3, 6, 9], groups.GroupIndices(0));   // g 0, column 0
        Assert.Equal([1L, 4, 7, 10], groups.GroupIndices(1));  // g 0, column 1
        Assert.Equal([2L, 5, 8, 11], groups.GroupIndices(2));  // g 0, column 2
        Assert.Equal([12L, 15, 18, 21], groups.GroupIndices(3)); // g 1, column 0
        Assert.Equal([14L, 17, 20, 23], groups.GroupIndices(5)); // g 1, column 2
    }

    [Fact]
    public void ConvGroupsRunAlongInputChannelsForEachOutputAndKernelPosition()
    {
        // Conv W [O=2, C=4, kh=2, kw=3]: element (o, c, y, x) at ((o*4 + c)*2 + y)*3 + x.
        var groups = AxisGroups.Create([2, 4, 2, 3], 1, 4);
        Assert.Equal(6, groups.Stride);
        Assert.Equal(2 * 1 * 6, groups.GroupCount);
        for (int o = 0; o < 2; o++)
        {
            for (int position = 0; position < 6; position++)
            {
                long groupIndex = (o * 6) + position;
                long[] expected = Enumerable.Range(0, 4).Select(c => (long)(((o * 4) + c) * 6) + position).ToArray();
                Assert.Equal(expected, groups.GroupIndices(groupIndex));
            }
        }
    }

    [Fact]
    public void EveryElementBelongsToExactlyOneGroupWhenDivisible()
    {
        var groups = AxisGroups.Create([3, 8, 5], 1, 4);
        var seen = new int[groups.ElementCount];
        for (long g = 0; g < groups.GroupCount; g++)
        {
            foreach (long index in groups.GroupIndices(g))
            {
                seen[index]++;
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void PartialTailIsNotAGroup()
    {
        var groups = AxisGroups.Create([6, 2], 0, 4);
        Assert.False(groups.IsDivisible);
        Assert.Equal(1, groups.GroupsPerLine);
        Assert.Equal(2, groups.GroupCount);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisGroups.Create([4, 4], 2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisGroups.Create([4, 4], -3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisGroups.Create([4, 4], 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisGroups.Create([4, -1], 0, 4));
        var groups = AxisGroups.Create([4, 4], 0, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.GroupStart(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.GroupStart(-1));
    }
}
