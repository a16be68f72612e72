using System.Net;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorPagingTests
{
    private const int OperatorCount = 250;

    [Fact]
    public async Task Paging_defaults_to_20_items_on_page_1()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator");

        response.Data.GetArrayLength().ShouldBe(20);
        ShouldDescribe(response, page: 1, pages: 13, limit: 20, count: OperatorCount);
    }

    [Fact]
    public async Task Paging_caps_limit_at_100()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator?limit=500");

        response.Data.GetArrayLength().ShouldBe(100);
        ShouldDescribe(response, page: 1, pages: 3, limit: 100, count: OperatorCount);
    }

    [Fact]
    public async Task Paging_serves_the_remainder_on_the_last_page()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator?limit=100&page=3");

        response.Ids.ShouldBe(host.Platform.OperatorIds.Skip(200));
        ShouldDescribe(response, page: 3, pages: 3, limit: 100, count: OperatorCount);
    }

    [Fact]
    public async Task Paging_beyond_the_last_page_gives_no_data_but_the_pagination_block()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator?limit=100&page=9");

        response.Status.ShouldBe("success");
        response.Data.GetArrayLength().ShouldBe(0);
        ShouldDescribe(response, page: 9, pages: 3, limit: 100, count: OperatorCount);
    }

    [Fact]
    public async Task Paging_until_page_equals_pages_visits_every_operator_once_in_ascending_id_order()
    {
        await using var host = await StartAsync();
        var ids = new List<int>();

        for (var page = 1; ; page++)
        {
            var response = await host.GetAsync($"operator?limit=30&page={page}");
            ids.AddRange(response.Ids);
            if (page == response.Pagination.GetProperty("pages").GetInt32())
            {
                break;
            }
        }

        ids.ShouldBe(host.Platform.OperatorIds);
        ids.ShouldBe(ids.Order().ToList());
    }

    [Fact]
    public async Task Paging_applies_to_the_live_list_too()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator/live?connected=0&limit=7&page=2");

        response.Data.GetArrayLength().ShouldBe(7);
        response.Pagination.GetProperty("limit").GetInt32().ShouldBe(7);
        response.Pagination.GetProperty("page").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Paging_an_empty_result_still_counts_one_page()
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync("operator?filters[external_id]=nobody");

        response.Data.GetArrayLength().ShouldBe(0);
        ShouldDescribe(response, page: 1, pages: 1, limit: 20, count: 0);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-5")]
    [InlineData("limit=ten")]
    [InlineData("page=0")]
    [InlineData("page=first")]
    public async Task Paging_rejects_invalid_values(string query)
    {
        await using var host = await StartAsync();

        var response = await host.GetAsync($"operator?{query}");

        response.ShouldFail(HttpStatusCode.BadRequest);
    }

    private static Task<SimulatorHost> StartAsync() => SimulatorHost.StartAsync(o => o.OperatorCount = OperatorCount);

    private static void ShouldDescribe(ApiResponse response, int page, int pages, int limit, int count)
    {
        var pagination = response.Pagination;
        pagination.GetProperty("page").GetInt32().ShouldBe(page);
        pagination.GetProperty("pages").GetInt32().ShouldBe(pages);
        pagination.GetProperty("limit").GetInt32().ShouldBe(limit);
        pagination.GetProperty("count").GetInt32().ShouldBe(count);
    }
}
