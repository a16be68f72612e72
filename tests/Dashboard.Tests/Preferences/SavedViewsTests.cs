using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Preferences;
using Dashboard.Tests.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Preferences;

[Trait("Database", "Postgres")]
public sealed class SavedViewsTests : IAsyncDisposable
{
    private const string Address = "http://localhost/";

    private readonly AuditDatabase _db = new();
    private readonly SavedViews _views;

    public SavedViewsTests() => _views = new SavedViews(_db, _db.Clock, Dashboard.Tests.Localization.TestTexts.Localizer);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly ClaimsPrincipal Alice = Person("alice");

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static ClaimsPrincipal Person(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, nameof(Role.Viewer))], "test"));

    private Task<SavedViewResult> SaveAsync(string? name, string query, bool replace = false, ClaimsPrincipal? user = null) =>
        _views.SaveAsync(user ?? Alice, name, Address + query, replace, Token);

    private async Task<IReadOnlyList<SavedViewSummary>> ListAsync(ClaimsPrincipal? user = null) => await _views.ListAsync(user ?? Alice, Token);

    [Fact]
    public void A_view_keeps_the_dashboards_filters_order_and_grouping_in_one_order_and_nothing_else()
    {
        SavedViewQuery.Canonical("http://host/?groupby=group&utm=x&state=busy&q=%20ann%20&group=Sales%20team&sort=state&channel=&skill=FR#top")
            .ShouldBe("?q=ann&group=Sales%20team&skill=FR&state=busy&sort=state&groupby=group");
        SavedViewQuery.Canonical("http://host/").ShouldBe("");
    }

    [Fact]
    public async Task A_saved_view_is_listed_for_its_person_only_and_opens_the_dashboard_with_its_filters()
    {
        var saved = await SaveAsync("Sales, busy", "?group=Sales&state=busy&sort=state");

        saved.Outcome.ShouldBe(SavedViewOutcome.Saved, saved.Message);
        var view = (await ListAsync()).ShouldHaveSingleItem();
        view.Name.ShouldBe("Sales, busy");
        view.Href.ShouldBe("/?group=Sales&state=busy&sort=state");
        (await ListAsync(Person("bob"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Views_are_listed_by_name()
    {
        await SaveAsync("support", "?group=Support");
        await SaveAsync("Billing", "?group=Billing");
        await SaveAsync("returns", "?group=Returns");

        (await ListAsync()).Select(v => v.Name).ShouldBe(["Billing", "returns", "support"]);
    }

    [Fact]
    public async Task A_name_in_use_is_not_overwritten_until_the_person_says_replace()
    {
        await SaveAsync("Sales", "?group=Sales");

        var taken = await SaveAsync("  sales ", "?group=Sales&state=busy");

        taken.Outcome.ShouldBe(SavedViewOutcome.NameTaken);
        taken.Message.ShouldContain("already have a view named “Sales”");
        (await ListAsync()).ShouldHaveSingleItem().Query.ShouldBe("?group=Sales");

        var replaced = await SaveAsync("sales", "?group=Sales&state=busy", replace: true);

        replaced.Outcome.ShouldBe(SavedViewOutcome.Replaced);
        var view = (await ListAsync()).ShouldHaveSingleItem();
        view.Name.ShouldBe("sales");
        view.Query.ShouldBe("?group=Sales&state=busy");
    }

    [Theory]
    [InlineData("", "Give the view a name")]
    [InlineData("   ", "Give the view a name")]
    [InlineData("line\nbreak", "control characters")]
    public async Task A_name_that_cannot_name_a_view_is_refused_with_the_reason(string name, string reason)
    {
        var result = await SaveAsync(name, "?group=Sales");

        result.Outcome.ShouldBe(SavedViewOutcome.Refused);
        result.Message.ShouldContain(reason);
        (await ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_over_the_limit_is_refused_saying_the_limit_and_its_length()
    {
        var result = await SaveAsync(new string('x', SavedView.MaxNameLength + 1), "?group=Sales");

        result.Outcome.ShouldBe(SavedViewOutcome.Refused);
        result.Message.ShouldBe($"A view's name has at most {SavedView.MaxNameLength} characters; this one has {SavedView.MaxNameLength + 1}.");
    }

    [Fact]
    public async Task A_view_without_any_filter_is_refused()
    {
        var result = await SaveAsync("Everything", "?utm_source=mail");

        result.Outcome.ShouldBe(SavedViewOutcome.Refused);
        result.Message.ShouldContain("Set a filter");
    }

    [Fact]
    public async Task Past_the_most_views_a_person_keeps_a_new_one_is_refused_but_replacing_one_still_works()
    {
        for (var i = 0; i < SavedView.MaxPerPerson; i++)
        {
            (await SaveAsync($"View {i:00}", $"?q=op{i}")).Succeeded.ShouldBeTrue();
        }

        var refused = await SaveAsync("One more", "?q=more");

        refused.Outcome.ShouldBe(SavedViewOutcome.Refused);
        refused.Message.ShouldContain($"You have {SavedView.MaxPerPerson} saved views");
        (await SaveAsync("View 07", "?q=seven", replace: true)).Outcome.ShouldBe(SavedViewOutcome.Replaced);
        (await ListAsync()).Count.ShouldBe(SavedView.MaxPerPerson);
        (await SaveAsync("One more", "?q=more", user: Person("bob"))).Outcome.ShouldBe(SavedViewOutcome.Saved);
    }

    [Fact]
    public async Task Renaming_keeps_the_filters_and_refuses_a_name_another_view_has()
    {
        await SaveAsync("Sales", "?group=Sales");
        await SaveAsync("Support", "?group=Support");
        var sales = (await ListAsync()).Single(v => v.Name == "Sales");

        var refused = await _views.RenameAsync(Alice, sales.Id, "SUPPORT", Token);
        var renamed = await _views.RenameAsync(Alice, sales.Id, "Sales floor", Token);

        refused.Outcome.ShouldBe(SavedViewOutcome.Refused);
        refused.Message.ShouldContain("already have a view named “SUPPORT”");
        renamed.Outcome.ShouldBe(SavedViewOutcome.Renamed);
        renamed.Message.ShouldBe("View “Sales” renamed “Sales floor”.");
        (await ListAsync()).Select(v => (v.Name, v.Query)).ShouldBe([("Sales floor", "?group=Sales"), ("Support", "?group=Support")]);
        (await _views.RenameAsync(Alice, sales.Id, "", Token)).Outcome.ShouldBe(SavedViewOutcome.Refused);
        (await _views.RenameAsync(Alice, sales.Id, "sales FLOOR", Token)).Outcome.ShouldBe(SavedViewOutcome.Renamed);
    }

    [Fact]
    public async Task Deleting_removes_the_view_and_nobody_touches_another_persons_views()
    {
        await SaveAsync("Sales", "?group=Sales");
        var id = (await ListAsync()).Single().Id;

        (await _views.DeleteAsync(Person("bob"), id, Token)).Outcome.ShouldBe(SavedViewOutcome.Refused);
        (await _views.RenameAsync(Person("bob"), id, "Mine now", Token)).Outcome.ShouldBe(SavedViewOutcome.Refused);
        (await ListAsync()).ShouldHaveSingleItem().Name.ShouldBe("Sales");

        (await _views.DeleteAsync(Alice, id, Token)).Message.ShouldBe("View “Sales” deleted.");
        (await ListAsync()).ShouldBeEmpty();
        (await _views.DeleteAsync(Alice, id, Token)).Outcome.ShouldBe(SavedViewOutcome.Refused);
    }

    [Fact]
    public async Task Saved_views_hang_off_the_persons_preferences_row_which_the_theme_shares()
    {
        await SaveAsync("Sales", "?group=Sales");
        await new UserPreferences(_db, _db.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<UserPreferences>.Instance)
            .SetThemeAsync(Alice, ThemeChoice.Dark, Token);

        await using var db = _db.CreateDbContext();
        var row = await db.UserPreferences.SingleAsync(Token);
        row.UserKey.ShouldBe("alice");
        row.Theme.ShouldBe(ThemeChoice.Dark);
        (await db.SavedViews.SingleAsync(Token)).UserKey.ShouldBe("alice");
    }
}
