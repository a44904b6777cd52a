namespace Compiled.Testing.EventTime;

/// <summary>The window function of a reference query, in milliseconds (independent of the runtime's window code).</summary>
public abstract record ReferenceWindow
{
    private ReferenceWindow()
    {
    }

    /// <summary><c>Window.Tumbling(time, size, offset)</c>.</summary>
    public sealed record Tumbling(long SizeMs, long OffsetMs = 0) : ReferenceWindow;

    /// <summary><c>Window.Sliding(time, size, slide, offset)</c>.</summary>
    public sealed record Sliding(long SizeMs, long SlideMs, long OffsetMs = 0) : ReferenceWindow;

    /// <summary><c>Window.Session(time, gap)</c> with a constant gap.</summary>
    public sealed record Session(long GapMs) : ReferenceWindow;

    /// <summary><c>Window.Session(time, gap)</c> with a gap computed per row (rows with a gap of zero or less belong to no session).</summary>
    public sealed record SessionPerRow(Func<object, long> GapMs) : ReferenceWindow;
}
