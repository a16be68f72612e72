using Dashboard.Tests.Integration;

namespace Dashboard.Tests.Webhooks;

/// <summary>Starts the real app as a process: a broken webhook setting stops it with one line naming the setting.</summary>
[Trait("Kind", "Integration")]
public sealed class WebhookConfigurationTests
{
    [Theory]
    [InlineData("Webhooks__MaxBodyBytes", "10", "Webhooks:MaxBodyBytes")]
    [InlineData("Webhooks__DeduplicationWindow", "00:00:01", "Webhooks:DeduplicationWindow")]
    [InlineData("Webhooks__Secret", "   ", "Webhooks:Secret")]
    [InlineData("Simulator__Webhooks__Url", "/webhooks/iadvize", "Simulator:Webhooks:Url")]
    public async Task Invalid_webhook_configuration_exits_non_zero_with_one_line_naming_the_setting(string variable, string value, string named)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { [variable] = value });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0);
        var lines = (await app.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(line => line.StartsWith("Invalid configuration:", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
    }
}
