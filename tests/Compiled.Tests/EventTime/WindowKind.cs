namespace Compiled.Tests.EventTime;

/// <summary>The window function of a <see cref="KeyedWindowPlan"/>.</summary>
public enum WindowKind
{
    Tumbling,
    Sliding,
    Session,
    SessionPerRowGap,
}
