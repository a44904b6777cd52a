using System.Runtime.InteropServices;

namespace Compiled.Benchmarks.Data;

/// <summary>W4's ad event (Yahoo streaming benchmark): 32 bytes, no references.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct AdEvent(long eventTime, int userId, int pageId, int adId, byte adType, byte eventType, int ipAddress)
{
    /// <summary>Event time in Unix milliseconds, increasing.</summary>
    public readonly long EventTime = eventTime;

    /// <summary>The user.</summary>
    public readonly int UserId = userId;

    /// <summary>The page the ad was on.</summary>
    public readonly int PageId = pageId;

    /// <summary>The ad, in [0, <see cref="AdEventData.Ads"/>).</summary>
    public readonly int AdId = adId;

    /// <summary>One of five ad types.</summary>
    public readonly byte AdType = adType;

    /// <summary><see cref="AdEventData.View"/>, click (1) or purchase (2), uniform.</summary>
    public readonly byte EventType = eventType;

    /// <summary>The client address.</summary>
    public readonly int IpAddress = ipAddress;
}

/// <summary>W4's static table row: which campaign an ad belongs to.</summary>
internal sealed record AdCampaign(int AdId, int CampaignId);

/// <summary>A view of a campaign's ad at a time: W4's rows after the join.</summary>
internal readonly record struct CampaignView(int CampaignId, long EventTime);
