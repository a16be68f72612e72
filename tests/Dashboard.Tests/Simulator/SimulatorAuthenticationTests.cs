using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorAuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_is_accepted_in_the_X_API_Key_header()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient(SimulatorHost.ApiKey);

        var response = await ApiResponse.ReadAsync(await client.GetAsync("operator/live", Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Status.ShouldBe("success");
    }

    [Fact]
    public async Task Key_is_accepted_as_the_key_query_parameter()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient();

        var response = await ApiResponse.ReadAsync(await client.GetAsync($"operator/live?key={SimulatorHost.ApiKey}", Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Status.ShouldBe("success");
    }

    [Fact]
    public async Task Key_is_accepted_as_the_basic_user_name_with_any_password()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(SimulatorHost.ApiKey, "whatever");

        var response = await ApiResponse.ReadAsync(await client.GetAsync("operator/live", Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Status.ShouldBe("success");
    }

    [Fact]
    public async Task Missing_key_is_forbidden()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient();

        var response = await ApiResponse.ReadAsync(await client.GetAsync("operator/live", Ct));

        ShouldBeForbidden(response);
    }

    [Fact]
    public async Task Wrong_key_is_forbidden_wherever_it_is_sent()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var header = host.CreateClient("wrong-key");
        using var anonymous = host.CreateClient();
        using var basic = host.CreateClient();
        basic.DefaultRequestHeaders.Authorization = Basic("wrong-key", SimulatorHost.ApiKey);

        ShouldBeForbidden(await ApiResponse.ReadAsync(await header.GetAsync("operator/live", Ct)));
        ShouldBeForbidden(await ApiResponse.ReadAsync(await anonymous.GetAsync("operator/live?key=wrong-key", Ct)));
        ShouldBeForbidden(await ApiResponse.ReadAsync(await basic.GetAsync("operator/live", Ct)));
    }

    [Fact]
    public async Task Forbidden_comes_before_unknown_ids_and_leaves_state_alone()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient("wrong-key");
        var id = host.Platform.OperatorIds[0];
        var before = host.Platform.Version;

        ShouldBeForbidden(await ApiResponse.ReadAsync(await client.GetAsync("operator/456", Ct)));
        using var body = new StringContent("connected=0", Encoding.UTF8, "application/x-www-form-urlencoded");
        ShouldBeForbidden(await ApiResponse.ReadAsync(await client.PutAsync($"operator/{id}/live", body, Ct)));

        host.Platform.Version.ShouldBe(before);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static void ShouldBeForbidden(ApiResponse response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Status.ShouldBe("error");
        response.Message.ShouldBe("Forbidden");
        response.Body.TryGetProperty("data", out _).ShouldBeFalse();
    }
}
