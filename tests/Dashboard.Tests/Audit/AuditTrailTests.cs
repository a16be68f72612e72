using System.Text;
using Dashboard.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Audit;

[Trait("Database", "Postgres")]
public sealed class AuditTrailTests : IAsyncDisposable
{
    private readonly AuditDatabase _db = new();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_intent_is_pending_until_its_completion_is_written()
    {
        var id = await _db.Trail.BeginAsync(_db.Intent(), Token);
        var pending = (await _db.AllAsync()).Single();
        _db.Clock.Advance(TimeSpan.FromMilliseconds(350));

        await _db.Trail.CompleteAsync(id, new AuditCompletion(AuditOutcome.Succeeded, "Operator is now unavailable for chat channel.", "unavailable", 350, _db.Clock.GetUtcNow()), Token);

        pending.Outcome.ShouldBeNull();
        pending.CompletedAt.ShouldBeNull();
        var done = (await _db.AllAsync()).Single();
        done.Outcome.ShouldBe(AuditOutcome.Succeeded);
        done.Message.ShouldBe("Operator is now unavailable for chat channel.");
        done.VerifiedState.ShouldBe("unavailable");
        done.DurationMs.ShouldBe(350);
        done.CompletedAt.ShouldBe(_db.Clock.GetUtcNow());
        done.RequestedAt.ShouldBe(_db.Clock.GetUtcNow().AddMilliseconds(-350));
    }

    [Fact]
    public async Task A_refusal_is_written_complete_in_one_write()
    {
        await _db.Trail.RefusedAsync(_db.Intent(), "Alice is offline.", Token);

        var entry = (await _db.AllAsync()).Single();
        entry.Outcome.ShouldBe(AuditOutcome.Refused);
        entry.Message.ShouldBe("Alice is offline.");
        entry.CompletedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_name_longer_than_its_column_is_audited_cut_short_rather_than_refused()
    {
        // Operator names come from iAdvize; PostgreSQL, unlike SQLite, refuses text longer than the column.
        var operatorName = new string('o', AuditEntry.MaxOperatorNameLength + 50);
        var actor = new string('a', AuditEntry.MaxActorLength + 50);

        var id = await _db.Trail.BeginAsync(_db.Intent(name: operatorName, actor: actor), Token);
        await _db.Trail.RefusedAsync(_db.Intent(name: operatorName, actor: actor), "Refused.", Token);

        var entries = await _db.AllAsync();
        entries.Select(e => e.Id).ShouldBe([id, id + 1]);
        entries.Select(e => e.OperatorName).ShouldAllBe(name => name == operatorName.Substring(0, AuditEntry.MaxOperatorNameLength));
        entries.Select(e => e.Actor).ShouldAllBe(name => name == actor.Substring(0, AuditEntry.MaxActorLength));
    }

    [Fact]
    public async Task Reconciliation_turns_only_pending_entries_into_unknown()
    {
        var pending = await _db.Trail.BeginAsync(_db.Intent(operatorId: 1), Token);
        var done = await _db.Trail.BeginAsync(_db.Intent(operatorId: 2), Token);
        await _db.Trail.CompleteAsync(done, new AuditCompletion(AuditOutcome.Failed, "Forbidden", null, 10, _db.Clock.GetUtcNow()), Token);

        var reconciled = await _db.Trail.ReconcileAsync(Token);

        reconciled.ShouldBe(1);
        var entries = await _db.AllAsync();
        entries.Single(e => e.Id == pending).Outcome.ShouldBe(AuditOutcome.Unknown);
        entries.Single(e => e.Id == pending).Message.ShouldBe(AuditTrail.StoppedMessage);
        entries.Single(e => e.Id == done).Outcome.ShouldBe(AuditOutcome.Failed);
    }

    [Fact]
    public async Task Another_instance_s_change_in_flight_is_left_alone_until_it_has_waited_longer_than_any_change_takes()
    {
        // Two instances on one database: "b" is in the middle of a change when "a" starts.
        var a = new AuditTrail(_db, _db.Clock, Microsoft.Extensions.Options.Options.Create(new AuditOptions { InstanceName = "a" }));
        var b = new AuditTrail(_db, _db.Clock, Microsoft.Extensions.Options.Options.Create(new AuditOptions { InstanceName = "b" }));
        var mine = await a.BeginAsync(_db.Intent(operatorId: 1), Token);
        var theirs = await b.BeginAsync(_db.Intent(operatorId: 2), Token);

        (await a.ReconcileAsync(Token)).ShouldBe(1);
        (await _db.AllAsync()).Single(e => e.Id == theirs).Outcome.ShouldBeNull("b's change is still in flight");
        (await _db.AllAsync()).Single(e => e.Id == mine).Instance.ShouldBe("a");

        _db.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        (await a.ReconcileAsync(Token)).ShouldBe(0);
        _db.Clock.Advance(TimeSpan.FromSeconds(2));
        (await a.ReconcileAsync(Token)).ShouldBe(1);
        (await _db.AllAsync()).Single(e => e.Id == theirs).Outcome.ShouldBe(AuditOutcome.Unknown);
        (await _db.AllAsync()).Single(e => e.Id == theirs).Message.ShouldBe(AuditTrail.AbandonedMessage, "a does not know that b stopped");
        (await _db.AllAsync()).Single(e => e.Id == mine).Message.ShouldBe(AuditTrail.StoppedMessage, "a knows it stopped itself");
    }

    [Fact]
    public async Task While_running_an_instance_closes_only_abandoned_entries_never_its_own_change_in_flight()
    {
        var inFlight = await _db.Trail.BeginAsync(_db.Intent(operatorId: 1), Token);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        var justSent = await _db.Trail.BeginAsync(_db.Intent(operatorId: 2), Token);
        _db.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        (await _db.Trail.CloseAbandonedAsync(Token)).ShouldBe(1);

        var entries = await _db.AllAsync();
        entries.Single(e => e.Id == inFlight).Outcome.ShouldBe(AuditOutcome.Unknown, "pending for longer than any change takes");
        entries.Single(e => e.Id == justSent).Outcome.ShouldBeNull("this instance's own change, a minute old, is still in flight");
    }

    [Fact]
    public async Task Retention_deletes_only_entries_older_than_the_retention()
    {
        await _db.Trail.RefusedAsync(_db.Intent(operatorId: 1), "old", Token);
        _db.Clock.Advance(TimeSpan.FromDays(60));
        await _db.Trail.RefusedAsync(_db.Intent(operatorId: 2), "recent", Token);
        _db.Clock.Advance(TimeSpan.FromDays(31));

        var deleted = await _db.Trail.DeleteOlderThanAsync(_db.Clock.GetUtcNow() - TimeSpan.FromDays(90), Token);

        deleted.ShouldBe(1);
        (await _db.AllAsync()).Single().OperatorId.ShouldBe(2);
    }

    [Fact]
    public async Task Filters_select_by_operator_user_channel_time_and_outcome()
    {
        await _db.Trail.RefusedAsync(_db.Intent(operatorId: 1, name: "Alice Martin", actor: "marie"), "a", Token);
        _db.Clock.Advance(TimeSpan.FromHours(1));
        var since = _db.Clock.GetUtcNow();
        await _db.Trail.RefusedAsync(_db.Intent(operatorId: 2, name: "Bob Durand", actor: "paul", channel: "call"), "b", Token);
        await _db.Trail.BeginAsync(_db.Intent(operatorId: 3, name: "Chloé Petit", actor: "paul", channel: "offline"), Token);

        async Task<IEnumerable<int>> Ids(AuditFilter filter) => (await _db.Log.GetPageAsync(filter, 1, Token)).Entries.Select(e => e.OperatorId);

        (await Ids(new AuditFilter(Operator: "alice"))).ShouldBe([1]);
        (await Ids(new AuditFilter(Operator: "2"))).ShouldBe([2]);
        (await Ids(new AuditFilter(User: "PAUL"))).ShouldBe([3, 2]);
        (await Ids(new AuditFilter(Channel: "offline"))).ShouldBe([3]);
        (await Ids(new AuditFilter(From: since))).ShouldBe([3, 2]);
        (await Ids(new AuditFilter(To: since.AddMinutes(-1)))).ShouldBe([1]);
        (await Ids(new AuditFilter(Outcome: AuditOutcome.Refused))).ShouldBe([2, 1]);
    }

    [Fact]
    public async Task The_log_pages_newest_first_fifty_at_a_time()
    {
        for (var i = 1; i <= 120; i++)
        {
            await _db.Trail.RefusedAsync(_db.Intent(operatorId: i), "x", Token);
            _db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await _db.Log.GetPageAsync(new AuditFilter(), 1, Token);
        var last = await _db.Log.GetPageAsync(new AuditFilter(), 3, Token);

        first.Total.ShouldBe(120);
        first.Pages.ShouldBe(3);
        first.Entries.Count.ShouldBe(50);
        first.Entries[0].OperatorId.ShouldBe(120);
        last.Entries.Count.ShouldBe(20);
        last.Entries[^1].OperatorId.ShouldBe(1);
    }

    [Fact]
    public async Task The_filter_round_trips_through_the_query_string()
    {
        var filter = new AuditFilter("Alice, \"Al\"", "paul", "chat", _db.Clock.GetUtcNow(), null, AuditOutcome.Unknown);

        var parsed = AuditFilter.FromQuery(QueryHelpers.ParseQuery("?" + filter.ToQuery()));

        parsed.ShouldBe(filter);
    }

    [Fact]
    public async Task The_csv_export_has_the_columns_and_escapes_commas_and_quotes()
    {
        await _db.Trail.RefusedAsync(_db.Intent(name: "Martin, \"Al\" Jr"), "Martin, \"Al\" Jr is offline.", Token);
        using var output = new MemoryStream();

        await AuditCsv.WriteAsync(output, _db.Log.StreamAsync(new AuditFilter(), Token), Token);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("id,requested_at,user,via,operator_id,operator_name,channel,from,to,outcome,message,verified_state,duration_ms,completed_at");
        lines.Length.ShouldBe(2);
        lines[1].ShouldContain(",\"Martin, \"\"Al\"\" Jr\",chat,available,unavailable,Refused,\"Martin, \"\"Al\"\" Jr is offline.\",");
        lines[1].ShouldStartWith("1,2026-11-25T09:00:00.000Z,anonymous,page,7,");
    }

    [Fact]
    public async Task A_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text()
    {
        await _db.Trail.RefusedAsync(_db.Intent(name: "=HYPERLINK(\"http://evil.example\")"), "refused", Token);
        using var output = new MemoryStream();

        await AuditCsv.WriteAsync(output, _db.Log.StreamAsync(new AuditFilter(), Token), Token);

        var row = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n")[1];
        // The cell starts with an apostrophe: shown as the text, never evaluated.
        row.ShouldContain(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",chat,");
    }
}
