using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Integration;

[Trait("Kind", "Integration")]
[Trait("Kind", TimingCollection.Kind)]
[Collection(TimingCollection.Name)]
public sealed class SignInThrottleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_address_past_its_attempts_per_minute_gets_429_with_Retry_After_and_a_plain_reason()
    {
        await using var factory = new DashboardFactory { Settings = { ["Security:SignInAttemptsPerMinute"] = "3" } };
        await factory.StartAndWaitForFirstSnapshotAsync();
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var answers = new List<HttpResponseMessage>();
        foreach (var name in new[] { "alice", "bob", "carol", "dave" })
        {
            answers.Add(await DashboardFactory.PostLoginAsync(http, name, "spray-password"));
        }

        answers.Take(3).ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers[3];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        (await refused.Content.ReadAsStringAsync(Token)).ShouldContain("Too many sign-in attempts");
        // Pages are not sign-ins: the form still opens.
        (await http.GetAsync(new Uri("/login", UriKind.Relative), Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Two_hundred_concurrent_wrong_passwords_hash_a_few_at_a_time_and_liveness_answers_meanwhile()
    {
        await using var factory = new DashboardFactory { Settings = { ["Security:ConcurrentSignIns"] = "2" } };
        await factory.StartAndWaitForFirstSnapshotAsync();
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // One form (and its antiforgery cookie, kept by the client) for every attempt, as a script would reuse it.
        var fields = FormPost.HiddenFields(await http.GetStringAsync(new Uri("/login", UriKind.Relative), Token));

        var attempts = Enumerable.Range(0, 200).Select(async i =>
        {
            // Unknown names: every one costs a full hash (a locked account would cost none).
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["username"] = $"nobody{i}", ["password"] = "wrong" });
            using var answer = await http.PostAsync(new Uri("/login", UriKind.Relative), content, Token);
            return (answer.StatusCode, answer.Headers.RetryAfter);
        }).ToList();
        var live = System.Diagnostics.Stopwatch.StartNew();
        using var liveness = await http.GetAsync(new Uri("/health/live", UriKind.Relative), Token);
        live.Stop();
        var results = await Task.WhenAll(attempts);

        liveness.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Loose, for a busy test machine: the bounded hashing below is what fails without the throttle.
        live.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        // At most 2 running and 8 waiting at any time: most of the burst is refused without hashing.
        var refused = results.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Count.ShouldBeGreaterThan(100);
        refused.ShouldAllBe(r => r.RetryAfter != null);
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThan(0);
    }
}
