using Dashboard.Audit;
using Dashboard.Commands;
using Dashboard.Live;
using Dashboard.Storage;
using Dashboard.Tests.Integration;
using Iadvize.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Audit;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class AuditIntegrationTests
{
    /// <summary>Marie, a Manager signed in on this app, as a page's handler names her.</summary>
    private static async Task<CommandActor> MarieAsync(DashboardFactory factory)
    {
        await factory.Services.GetRequiredService<Dashboard.Auth.AccountSeeding>().EnsureAsync("marie", "marie-password", Dashboard.Auth.Role.Manager, Token);
        return CommandActor.From(await factory.SignedInPrincipalAsync("marie", "marie-password"), CommandActor.Page);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_toggle_writes_one_entry_with_the_upstreams_message_and_the_verified_state()
    {
        await using var factory = new DashboardFactory();
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);

        var result = await factory.Services.GetRequiredService<IAvailabilityCommands>().SetChannelAvailabilityAsync(await MarieAsync(factory), target.Id, ChannelKind.Chat, false, Token);

        result.Succeeded.ShouldBeTrue();
        var entry = (await EntriesAsync(factory)).ShouldHaveSingleItem();
        entry.Actor.ShouldBe("marie");
        entry.Via.ShouldBe(CommandActor.Page);
        entry.OperatorId.ShouldBe(target.Id);
        entry.OperatorName.ShouldBe(target.Name);
        entry.Channel.ShouldBe("chat");
        entry.FromState.ShouldBe("available");
        entry.ToState.ShouldBe("unavailable");
        entry.Outcome.ShouldBe(AuditOutcome.Succeeded);
        entry.Message!.ShouldContain("Operator is now unavailable for chat channel.");
        entry.VerifiedState.ShouldBe("unavailable");
        entry.DurationMs.ShouldNotBeNull();
        entry.CompletedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_bulk_change_of_five_operators_writes_five_entries()
    {
        await using var factory = new DashboardFactory();
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var targets = snapshot.Operators.Where(o => o.Chat.Status == ChannelStatus.Available).Take(5).Select(o => o.Id).ToList();
        var bulk = factory.Services.GetRequiredService<BulkAvailability>();

        await bulk.RunAsync(bulk.Preview(targets, BulkAction.SetChannel(ChannelKind.Chat, false)), await MarieAsync(factory), null, Token);

        var entries = await EntriesAsync(factory);
        entries.Select(e => e.OperatorId).Order().ShouldBe(targets.Order());
        entries.ShouldAllBe(e => e.Via == CommandActor.Bulk && e.Actor == "marie" && e.Outcome == AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task A_refused_request_is_audited_as_refused_and_sends_no_put()
    {
        await using var factory = new DashboardFactory();
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var offline = snapshot.Operators.First(o => !o.Connected);

        var result = await factory.Services.GetRequiredService<IAvailabilityCommands>().SetChannelAvailabilityAsync(await MarieAsync(factory), offline.Id, ChannelKind.Chat, true, Token);

        result.Succeeded.ShouldBeFalse();
        factory.Services.GetRequiredService<SimulatedPlatform>().Requests.ShouldNotContain(r => r.Method == "PUT");
        var entry = (await EntriesAsync(factory)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Refused);
        entry.Message.ShouldBe(result.Message);
    }

    [Fact]
    public async Task The_csv_export_over_http_holds_the_filtered_entries_and_refuses_a_filter_it_cannot_read()
    {
        await using var factory = new DashboardFactory();
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var commands = factory.Services.GetRequiredService<IAvailabilityCommands>();
        var marie = await MarieAsync(factory);
        var chat = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);
        var offline = snapshot.Operators.First(o => !o.Connected);
        await commands.SetChannelAvailabilityAsync(marie, chat.Id, ChannelKind.Chat, false, Token);
        await commands.DisconnectAsync(marie, offline.Id, Token);
        using var manager = await factory.CreateSignedInClientAsync();

        using var export = await manager.GetAsync(new Uri("/audit/export.csv?outcome=succeeded", UriKind.Relative), Token);
        using var refused = await manager.GetAsync(new Uri("/audit/export.csv?outcome=refused&to=noon", UriKind.Relative), Token);

        export.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        export.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("audit.csv");
        var lines = (await export.Content.ReadAsStringAsync(Token)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("id,requested_at,user,via,operator_id,operator_name,channel,from,to,outcome,message,verified_state,duration_ms,completed_at");
        lines.Skip(1).ShouldHaveSingleItem().ShouldContain($",marie,page,{chat.Id},");
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var reason = await refused.Content.ReadAsStringAsync(Token);
        reason.ShouldContain("To time is not a date and time");
        reason.ShouldNotContain("noon");
    }

    [Fact]
    public async Task When_the_audit_cannot_be_written_no_put_is_sent_and_the_person_is_told()
    {
        await using var factory = new DashboardFactory { TestServices = services => services.AddSingleton<IAuditTrail, BrokenAuditTrail>() };
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);

        var result = await factory.Services.GetRequiredService<IAvailabilityCommands>().SetChannelAvailabilityAsync(await MarieAsync(factory), target.Id, ChannelKind.Chat, false, Token);

        result.Succeeded.ShouldBeFalse();
        result.Message.ShouldBe(AvailabilityCommands.NotAuditedMessage);
        factory.Services.GetRequiredService<SimulatedPlatform>().Requests.ShouldNotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_completion_the_database_refuses_once_is_written_on_a_retry_with_the_upstreams_answer()
    {
        await using var factory = new DashboardFactory
        {
            TestServices = services => services.AddSingleton<IAuditTrail>(provider => new FlakyCompletion(provider.GetRequiredService<AuditTrail>())),
        };
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);

        var result = await factory.Services.GetRequiredService<IAvailabilityCommands>().SetChannelAvailabilityAsync(await MarieAsync(factory), target.Id, ChannelKind.Chat, false, Token);

        result.Succeeded.ShouldBeTrue(result.Message);
        ((FlakyCompletion)factory.Services.GetRequiredService<IAuditTrail>()).Attempts.ShouldBe(2);
        var entry = (await EntriesAsync(factory)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Succeeded);
        entry.VerifiedState.ShouldBe("unavailable");
    }

    [Fact]
    public async Task A_change_whose_requester_leaves_after_the_intent_still_runs_to_its_verified_end()
    {
        await using var factory = new DashboardFactory();
        var snapshot = await factory.StartAndWaitForFirstSnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);
        var simulator = factory.Services.GetRequiredService<SimulatedPlatform>();
        simulator.Faults = new SimulatorFaults { Latency = TimeSpan.FromMilliseconds(500) };
        using var leaves = new CancellationTokenSource();

        var change = factory.Services.GetRequiredService<IAvailabilityCommands>().SetChannelAvailabilityAsync(await MarieAsync(factory), target.Id, ChannelKind.Chat, false, leaves.Token);
        await Eventually.TrueAsync(async () => (await EntriesAsync(factory)).Count > 0, "the change's intent in the audit log", interval: TimeSpan.FromMilliseconds(20));

        // The hub client drops (its connection's token is the one given), or the page's circuit goes away.
        await leaves.CancelAsync();
        var result = await change;

        result.Succeeded.ShouldBeTrue(result.Message);
        simulator.GetLive(target.Id)!.Chat.Available.ShouldBeFalse();
        var entry = (await EntriesAsync(factory)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Succeeded, entry.Message);
        simulator.Faults = SimulatorFaults.None;
    }

    private static async Task<List<AuditEntry>> EntriesAsync(DashboardFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Token);
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token);
    }

    private sealed class BrokenAuditTrail : IAuditTrail
    {
        public Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken) => throw new IOException("disk full");

        public Task CompleteAsync(long id, AuditCompletion completion, CancellationToken cancellationToken) => throw new IOException("disk full");

        public Task RefusedAsync(AuditIntent intent, string message, CancellationToken cancellationToken) => throw new IOException("disk full");
    }

    /// <summary>The real trail, whose first completion fails as a database that blinks would.</summary>
    private sealed class FlakyCompletion(AuditTrail inner) : IAuditTrail
    {
        public int Attempts { get; private set; }

        public Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken) => inner.BeginAsync(intent, cancellationToken);

        public Task CompleteAsync(long id, AuditCompletion completion, CancellationToken cancellationToken) =>
            ++Attempts == 1 ? throw new IOException("database is locked") : inner.CompleteAsync(id, completion, cancellationToken);

        public Task RefusedAsync(AuditIntent intent, string message, CancellationToken cancellationToken) => inner.RefusedAsync(intent, message, cancellationToken);
    }
}
