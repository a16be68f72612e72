using Bunit;
using Dashboard.Auth;
using Dashboard.Components.Pages;
using Dashboard.Tests.Audit;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Components;

[Trait("Database", "Postgres")]
public sealed class AccountsPageTests() : DashboardComponentTest(services =>
{
    // A migrated database of its own, disposed with the services.
    services.AddSingleton<AuditDatabase>();
    services.AddSingleton<IDbContextFactory<DashboardDbContext>>(provider => provider.GetRequiredService<AuditDatabase>());
    services.AddSingleton(Options.Create(new AuthOptions()));
    services.AddSingleton(_ => TestAccounts.UnwatchedFile());
    services.AddSingleton(TestAccounts.Hasher);
    services.AddSingleton<SignIns>();
    services.AddSingleton<AccountCheck>();
    services.AddSingleton<AccountAdministration>();
    services.AddSingleton<AccountSeeding>();
}), IAsyncLifetime
{
    private TestAccounts Accounts => new(Services);

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Accounts.Seeding.EnsureAsync("boss", "boss-password-1", Role.Manager, Token);
        await Accounts.Seeding.EnsureAsync("alice", "alice-password-1", Role.Viewer, Token);
        Authorization.SetUser(AuthExtensions.ToPrincipal((await Accounts.SignIns.CheckAsync("boss", "boss-password-1", Token)).Account!));
    }

    private IRenderedComponent<Accounts> RenderPage()
    {
        var page = Render<Accounts>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=account]").Count.ShouldBeGreaterThan(0));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Accounts> page, string userName) =>
        page.Find($"[data-testid=account][data-username='{userName}']");

    [Fact]
    public void Every_account_is_listed_with_its_role_and_status_and_a_Manager_cannot_disable_themselves()
    {
        var page = RenderPage();

        page.FindAll("[data-testid=account]").Select(r => r.GetAttribute("data-username")).ShouldBe(["alice", "boss"]);
        Row(page, "alice").GetAttribute("data-role").ShouldBe("Viewer");
        Row(page, "alice").GetAttribute("data-status").ShouldBe("active");
        Row(page, "boss").TextContent.ShouldContain("(you)");
        Row(page, "boss").QuerySelector("[data-testid=disable-account]")!.HasAttribute("disabled").ShouldBeTrue();
        Row(page, "alice").QuerySelector("[data-testid=disable-account]")!.HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public async Task Creating_an_account_adds_it_to_the_list_with_the_role_chosen()
    {
        var page = RenderPage();

        await page.Find("#new-username").ChangeAsync(new() { Value = "bob" });
        await page.Find("#new-password").ChangeAsync(new() { Value = "long-enough-password" });
        await page.Find("[data-testid=new-role]").QuerySelectorAll("button, [role=radio], .mud-toggle-item").First(b => b.TextContent.Contains("Supervisor", StringComparison.Ordinal)).ClickAsync(new());
        await page.Find("[data-testid=create-account]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=accounts-message]").TextContent.ShouldContain("Account bob created as Supervisor."));
        Row(page, "bob").GetAttribute("data-role").ShouldBe("Supervisor");
        var recorded = page.Find("[data-testid=account-event]");
        recorded.GetAttribute("data-action").ShouldBe("created");
        recorded.GetAttribute("data-outcome").ShouldBe("done");
        recorded.TextContent.ShouldContain("bob");
        (await Accounts.SignIns.CheckAsync("bob", "long-enough-password", Token)).Account!.Role.ShouldBe(Role.Supervisor);
        page.Find("#new-username").GetAttribute("value").ShouldBeNullOrEmpty("the form is cleared for the next account");
    }

    [Fact]
    public async Task A_bad_account_is_explained_and_nothing_is_created()
    {
        var page = RenderPage();

        await page.Find("#new-username").ChangeAsync(new() { Value = "bob" });
        await page.Find("#new-password").ChangeAsync(new() { Value = "short" });
        await page.Find("[data-testid=create-account]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=accounts-message]").TextContent.ShouldContain("A password has at least 10 characters."));
        page.FindAll("[data-testid=account]").Count.ShouldBe(2);
        page.Find("#new-username").GetAttribute("value").ShouldBe("bob", "what was typed is kept so that it can be corrected");
    }

    [Fact]
    public async Task Disabling_changing_the_role_of_and_resetting_another_account_take_effect_at_once()
    {
        var page = RenderPage();

        await Row(page, "alice").QuerySelector("[data-testid=disable-account]")!.ClickAsync(new());
        page.WaitForAssertion(() => Row(page, "alice").GetAttribute("data-status").ShouldBe("disabled"));
        await Row(page, "alice").QuerySelector("[data-testid=enable-account]")!.ClickAsync(new());
        page.WaitForAssertion(() => Row(page, "alice").GetAttribute("data-status").ShouldBe("active"));

        await Row(page, "alice").QuerySelector("[data-testid=account-role]")!.QuerySelectorAll("button, [role=radio], .mud-toggle-item")
            .First(b => b.TextContent.Contains("Manager", StringComparison.Ordinal)).ClickAsync(new());
        page.WaitForAssertion(() => Row(page, "alice").GetAttribute("data-role").ShouldBe("Manager"));

        await Row(page, "alice").QuerySelector("[data-testid=reset-password]")!.ClickAsync(new());
        var generated = page.Find("#reset-password").GetAttribute("value");
        generated!.Length.ShouldBe(16);
        await page.Find("[data-testid=confirm-reset]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=accounts-message]").TextContent.ShouldContain("The password of alice is reset"));
        (await Accounts.SignIns.CheckAsync("alice", generated, Token)).Succeeded.ShouldBeTrue();
        Row(page, "alice").TextContent.ShouldContain("by boss");
    }
}
