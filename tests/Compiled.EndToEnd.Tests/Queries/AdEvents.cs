namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>An ad impression.</summary>
public sealed record AdImpression(string Id, DateTime Time, string Campaigner);

/// <summary>A click on an impression.</summary>
public sealed record AdClick(string ImpressionId, DateTime Time);

/// <summary>An impression and its click; either side default (null) for an outer row.</summary>
public sealed record AdMatch(string? Id, string? Campaigner, DateTime? ImpressionTime, DateTime? ClickTime);

/// <summary>A click with its impression's campaign.</summary>
public sealed record CampaignClick(string Campaigner, DateTime Time);

/// <summary>Clicks of one campaign in the window starting at <paramref name="Start"/>.</summary>
public sealed record CampaignWindowClicks(DateTime Start, string Campaigner, long Clicks);

/// <summary>An impression and a later one of the same campaign, or null when none followed.</summary>
public sealed record AdPair(string First, string? Second);

/// <summary>An impression that was clicked.</summary>
public sealed record ClickedImpression(string Id, string Campaigner, DateTime Time);
