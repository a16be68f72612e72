using System.Diagnostics;
using Dashboard.Tests.Integration;

namespace Dashboard.Tests.ScaleOut;

/// <summary>Scaled out, an instance cannot start without Redis: it says so and exits, rather than hang.</summary>
[Trait("Kind", "Integration")]
[Collection(TimingCollection.Name)]
public sealed class RedisStartupTests
{
    [Fact]
    public async Task An_instance_whose_redis_does_not_answer_exits_at_once_naming_the_setting()
    {
        var closed = AppProcess.FreeAddress().Port;
        var clock = Stopwatch.StartNew();
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = $"127.0.0.1:{closed}",
            // Scaled out, an iAdvize account rather than the embedded simulator; never reached: Redis is checked first.
            ["Iadvize__BaseUrl"] = "http://127.0.0.1:1/",
            ["Iadvize__ApiKey"] = "unused",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Dashboard"] = "Host=127.0.0.1;Port=1;Username=nobody",
        });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        exitCode.ShouldNotBe(0);
        TestContext.Current.TestOutputHelper?.WriteLine($"Exited after {clock.Elapsed.TotalSeconds:0.0} s.");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a few seconds, not a hang");
        var lines = (await app.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(line => line.Contains("Redis__ConnectionString", StringComparison.Ordinal) && line.Contains($"127.0.0.1:{closed}", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
