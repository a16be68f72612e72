using Dashboard.Tests;

[assembly: TestCollectionOrderer(typeof(Dashboard.BrowserTests.LongestFirst))]

namespace Dashboard.BrowserTests;

/// <summary>The browser classes that take longest: together about half of the run's test time.</summary>
public sealed class LongestFirst : LongestFirstOrderer
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        nameof(TvRestartTests), nameof(LightThemeAccessibilityTests), nameof(DarkThemeAccessibilityTests), nameof(DashboardTests), nameof(TvBrowserTests),
        nameof(LanguageBrowserTests), nameof(SupervisorTests), nameof(ThemeBrowserTests),
    ];
}
