using System.Diagnostics;
using System.Reflection;

namespace Dashboard.Tests.Integration;

/// <summary>Starts the real app as a process: the exit code and what it prints are the contract.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Polling__LiveInterval", "-00:00:01", "Polling:LiveInterval")]
    [InlineData("Polling__LiveInterval", "soon", "Polling:LiveInterval")]
    [InlineData("Iadvize__ApiKey", "some-key", "Iadvize:BaseUrl")]
    [InlineData("Iadvize__BaseUrl", "not a url", "Iadvize:BaseUrl")]
    public async Task Invalid_configuration_exits_non_zero_with_one_line_naming_the_setting(string variable, string value, string named)
    {
        var configuration = typeof(ConfigurationTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var app = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Dashboard", "bin", configuration, "net10.0", "Dashboard.dll"));
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { [variable] = value, ["ASPNETCORE_ENVIRONMENT"] = "Development" },
        };

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.ExitCode.ShouldNotBe(0);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(line => line.StartsWith("Invalid configuration:", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
