namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>An ad impression.</summary>
public sealed record AdImpression(string Id, DateTime Time, string Campaigner);

/// <summary>A click on an impression.</summary>
public sealed record AdClick(string ImpressionId, DateTime Time);

/// <summary>An impression and its click; either side default (null) for an outer row.</summary>
public sealed record AdMatch(string? Id, string? Campaigner, DateTime? ImpressionTime, DateTime? ClickTime);
