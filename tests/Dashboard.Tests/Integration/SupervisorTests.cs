using System.Globalization;
using System.Net;
using CsvHelper;
using Dashboard.Live;
using Dashboard.Operators;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class SupervisorTests : IAsyncLifetime
{
    private const string Header =
        "taken_at,id,name,pseudo,external_id,group,skills,websites,connected,"
        + "chat_state,chat_slots_used,chat_slots_max,chat_since,call_state,call_slots_used,call_slots_max,call_since,"
        + "video_state,video_slots_used,video_slots_max,video_since";

    private readonly DashboardFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AvailabilityStore Store => _factory.Services.GetRequiredService<AvailabilityStore>();

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    private static async Task<(string Text, List<OperatorCsvRow> Rows)> ReadCsvAsync(HttpResponseMessage answer)
    {
        var bytes = await answer.Content.ReadAsByteArrayAsync(Token);
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.For<OperatorCsvRow>());
        return (System.Text.Encoding.UTF8.GetString(bytes), reader.GetRecords<OperatorCsvRow>().ToList());
    }

    [Fact]
    public async Task A_Supervisors_export_has_one_row_per_operator_as_the_store_has_them()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");

        using var answer = await http.GetAsync(Relative("/export/operators.csv"), Token);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var (text, rows) = await ReadCsvAsync(answer);
        text.Split("\r\n")[0].ShouldBe(Header);
        var snapshot = Store.Current;
        rows.Select(r => r.Id).ShouldBe(snapshot.Operators.Select(o => o.Id));
        foreach (var row in rows)
        {
            var op = snapshot.Find(row.Id)!;
            row.Name.ShouldBe(op.Name);
            row.Group.ShouldBe(op.Group);
            row.Connected.ShouldBe(op.Connected);
            row.ChatState.ShouldBe(op.Chat.Status.ToWire());
            (row.ChatSlotsUsed, row.ChatSlotsMax).ShouldBe((op.Chat.Slots, op.Chat.MaxSlots));
            row.CallState.ShouldBe(op.Call.Status.ToWire());
            row.VideoState.ShouldBe(op.Video.Status.ToWire());
        }

        // Every row describes the same moment, which also names the file.
        var takenAt = rows.Select(r => r.TakenAt).Distinct().ShouldHaveSingleItem()!.Value;
        takenAt.Kind.ShouldNotBe(DateTimeKind.Local);
        answer.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        answer.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe($"operators-{takenAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv");
    }

    [Fact]
    public async Task The_export_honours_the_dashboards_filters()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");
        var group = Store.Current.Operators.First(o => o.Group is not null).Group!;

        using var available = await http.GetAsync(Relative("/export/operators.csv?channel=chat&state=available"), Token);
        using var inGroup = await http.GetAsync(Relative($"/export/operators.csv?group={Uri.EscapeDataString(group)}"), Token);

        var (_, availableRows) = await ReadCsvAsync(available);
        var (_, groupRows) = await ReadCsvAsync(inGroup);
        var snapshot = Store.Current;
        availableRows.Count.ShouldBe(snapshot.Operators.Count(o => o.Chat.Status == ChannelStatus.Available));
        availableRows.Count.ShouldBeGreaterThan(0);
        availableRows.ShouldAllBe(r => r.ChatState == "available");
        groupRows.Select(r => r.Id).ShouldBe(snapshot.Operators.Where(o => o.Group == group).Select(o => o.Id));
        groupRows.Count.ShouldBeLessThan(snapshot.Operators.Length);
    }

    [Fact]
    public async Task A_time_in_state_is_exported_in_utc_once_the_dashboard_has_seen_it_begin()
    {
        var simulator = _factory.Services.GetRequiredService<SimulatedPlatform>();
        var target = Store.Current.Operators.First(o => o.Chat.Status == ChannelStatus.Available);
        simulator.Disconnect(target.Id);
        await Eventually.TrueAsync(() => Store.Current.Find(target.Id)!.Chat.Status == ChannelStatus.Offline, $"operator {target.Id} offline on chat in the store", TimeSpan.FromSeconds(10));

        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");
        using var answer = await http.GetAsync(Relative($"/export/operators.csv?q={Uri.EscapeDataString(target.Name)}"), Token);

        var (text, rows) = await ReadCsvAsync(answer);
        var row = rows.Single(r => r.Id == target.Id);
        row.ChatState.ShouldBe("offline");
        var since = Store.Current.Find(target.Id)!.Chat.Since!.Value.UtcDateTime;
        // The file keeps milliseconds.
        row.ChatSince.ShouldBe(since.AddTicks(-(since.Ticks % TimeSpan.TicksPerMillisecond)));
        text.ShouldContain(since.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_Viewer_is_refused_the_export_and_the_details_page()
    {
        using var http = await _factory.CreateSignedInClientAsync("viewer", "viewer-demo");
        var id = Store.Current.Operators[0].Id;

        using var export = await http.GetAsync(Relative("/export/operators.csv"), Token);
        using var details = await http.GetAsync(Relative($"/operators/{id}"), Token);

        export.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        export.Headers.Location!.ToString().ShouldContain("/denied");
        details.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        details.Headers.Location!.ToString().ShouldContain("/denied");
    }

    [Fact]
    public async Task Without_sign_in_the_export_and_the_details_page_send_to_the_login_page()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = Store.Current.Operators[0].Id;

        using var export = await http.GetAsync(Relative("/export/operators.csv"), Token);
        using var details = await http.GetAsync(Relative($"/operators/{id}"), Token);

        export.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        export.Headers.Location!.ToString().ShouldContain("/login");
        details.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        details.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task A_Supervisor_opens_an_operators_details_and_an_unknown_id_says_so()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");
        var op = Store.Current.Operators.First(o => o.Connected);

        var known = await http.GetStringAsync(Relative($"/operators/{op.Id}"), Token);
        var unknown = await http.GetStringAsync(Relative("/operators/987654321"), Token);
        var dashboard = await http.GetStringAsync(Relative("/"), Token);

        known.ShouldContain($"data-testid=\"operator-details\" data-operator-id=\"{op.Id}\"");
        known.ShouldContain(System.Net.WebUtility.HtmlEncode(op.Name));
        known.ShouldContain($"data-channel=\"chat\" data-state=\"{op.Chat.Status.ToWire()}\"");
        unknown.ShouldContain("No operator with id 987654321");
        dashboard.ShouldContain($"href=\"/operators/{op.Id}\"");
        dashboard.ShouldContain("data-testid=\"export-csv\"");
    }

    [Fact]
    public async Task The_lookup_reads_roles_and_languages_from_the_roster_without_another_request()
    {
        var simulator = _factory.Services.GetRequiredService<SimulatedPlatform>();
        var id = simulator.OperatorIds[3];
        var asked = simulator.Requests.Count(r => r.Path.EndsWith($"/operator/{id}", StringComparison.Ordinal));

        var result = await _factory.Services.GetRequiredService<IOperatorLookup>().ReadAsync(id, Token);

        result.Problem.ShouldBeNull();
        result.Details!.Roles.ShouldNotBeEmpty();
        result.Details.Languages.ShouldNotBeEmpty();
        simulator.Requests.Count(r => r.Path.EndsWith($"/operator/{id}", StringComparison.Ordinal)).ShouldBe(asked);
    }

    [Fact]
    public async Task When_the_upstream_fails_the_lookup_says_why_in_plain_words()
    {
        var simulator = _factory.Services.GetRequiredService<SimulatedPlatform>();
        // Not in the roster, so the upstream is asked.
        var id = simulator.OperatorIds.Max() + 1;
        simulator.Faults = new SimulatorFaults { ErrorRate = 1 };
        try
        {
            var result = await _factory.Services.GetRequiredService<IOperatorLookup>().ReadAsync(id, Token);

            result.Details.ShouldBeNull();
            result.Problem.ShouldNotBeNullOrWhiteSpace();
            result.Problem.ShouldContain("iAdvize");
        }
        finally
        {
            simulator.Faults = SimulatorFaults.None;
        }
    }
}
