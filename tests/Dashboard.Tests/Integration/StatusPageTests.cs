using System.Net;
using Dashboard.Auth;

namespace Dashboard.Tests.Integration;

/// <summary><c>/status</c> is a Manager's page: other roles are sent to <c>/denied</c>, and only Managers see its link.</summary>
[Trait("Kind", "Integration")]
public sealed class StatusPageTests(SharedDashboard app) : IClassFixture<SharedDashboard>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("viewer")]
    [InlineData("supervisor")]
    public async Task Viewers_and_supervisors_are_refused_the_status_page_and_see_no_link_to_it(string userName)
    {
        using var http = await app.Factory.CreateSignedInClientAsync(userName, userName + AccountSeeder.DemoPasswordSuffix);

        using var answer = await http.GetAsync(new Uri("/status", UriKind.Relative), Token);
        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative), Token);

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/denied");
        home.ShouldNotContain("data-testid=\"nav-status\"");
    }

    [Fact]
    public async Task A_manager_sees_this_instance_polling_on_the_status_page_linked_from_the_app_bar()
    {
        using var http = await app.Factory.CreateSignedInClientAsync("manager", "manager" + AccountSeeder.DemoPasswordSuffix);

        var page = await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token);
        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative), Token);

        page.Split("data-testid=\"status-instance\"").Length.ShouldBe(2, "one instance listed");
        page.ShouldContain("data-polling=\"true\"");
        home.ShouldContain("data-testid=\"nav-status\"");
    }
}
