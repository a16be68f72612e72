namespace Dashboard.Upstream;

/// <summary>Whether the dashboard reads the real iAdvize API or its embedded simulator; every page says which.</summary>
public sealed record UpstreamMode(bool IsSimulated, string Description);
