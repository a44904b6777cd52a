namespace Compiled;

/// <summary>Which rows a join keeps besides the matched pairs (Spark's join types).</summary>
public enum JoinType
{
    /// <summary>Only matched pairs.</summary>
    Inner,

    /// <summary>Every left row: with each match, or once with <c>default</c> for the right row when none matches.</summary>
    LeftOuter,

    /// <summary>Every right row: with each match, or once with <c>default</c> for the left row when none matches.</summary>
    RightOuter,

    /// <summary>Every row of either side, with <c>default</c> for the side that did not match.</summary>
    FullOuter,
}
