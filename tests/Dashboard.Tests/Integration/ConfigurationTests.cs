namespace Dashboard.Tests.Integration;

/// <summary>Starts the real app as a process: the exit code and what it prints are the contract.</summary>
[Trait("Kind", "Integration")]
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Polling__LiveInterval", "-00:00:01", "Polling:LiveInterval")]
    [InlineData("Polling__LiveInterval", "soon", "Polling:LiveInterval")]
    [InlineData("Iadvize__ApiKey", "some-key", "Iadvize:BaseUrl")]
    [InlineData("Iadvize__BaseUrl", "not a url", "Iadvize:BaseUrl")]
    [InlineData("Auth__Oidc__Authority", "http://idp.example.com", "Auth:Oidc:Authority")]
    [InlineData("Auth__MinPasswordLength", "4", "MinPasswordLength")]
    [InlineData("Auth__BootstrapAdmin__UserName", "admin", "Auth:BootstrapAdmin:Password")]
    [InlineData("Security__AllowedOrigins__0", "https://wall.example.com/tv", "Security:AllowedOrigins")]
    [InlineData("Iadvize__AttemptTimeout", "00:00:30", "Audit:PendingTimeout (00:02:00) must be longer than a change can take: 6 × Iadvize:AttemptTimeout + 30 s = 00:03:30")]
    [InlineData("Samples__Retention", "12:00:00", "Samples:Retention must be at least 1.00:00:00")]
    [InlineData("Redis__ConnectionString", "127.0.0.1:1", "Redis:ConnectionString is set, so Database:Provider must be Postgres")]
    [InlineData("Redis__ConnectionString", "127.0.0.1:1", "Redis:ConnectionString is set, so Iadvize:BaseUrl and Iadvize:ApiKey must name an iAdvize account")]
    public async Task Invalid_configuration_exits_non_zero_with_one_line_naming_the_setting(string variable, string value, string named)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string> { [variable] = value });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0);
        var lines = (await app.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(line => line.StartsWith("Invalid configuration:", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
