using Bunit;
using Dashboard.Auth;
using Dashboard.Components.Pages;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Components;

/// <summary>The pages that read the database, when it does not answer: a plain message, never a broken page.</summary>
public sealed class DatabaseDownPageTests() : DashboardComponentTest(services =>
{
    services.AddSingleton<IDbContextFactory<DashboardDbContext>, UnreachableDatabase>();
    services.AddSingleton(Options.Create(new AuthOptions()));
    services.AddSingleton(_ => TestAccounts.UnwatchedFile());
    services.AddSingleton<AccountCheck>();
    services.AddSingleton(TestAccounts.Hasher);
    services.AddSingleton<AccountAdministration>();
    services.AddSingleton(provider => new Dashboard.Audit.AuditLog(provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>()));
})
{
    [Fact]
    public void The_accounts_page_says_the_database_did_not_answer()
    {
        var page = Render<Accounts>();

        page.WaitForAssertion(() => page.Find("[data-testid=accounts-message]").TextContent.ShouldContain("the database did not answer"));
        page.FindAll("[data-testid=account]").ShouldBeEmpty();
        page.Find("#new-username").ShouldNotBeNull("the form stays, to try again");
    }

    [Fact]
    public void The_audit_page_says_the_database_did_not_answer()
    {
        var page = Render<Dashboard.Components.Pages.Audit>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-unavailable]").TextContent.ShouldContain("the database did not answer"));
    }

    private sealed class UnreachableDatabase : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => throw new InvalidOperationException("Connection refused (simulated).");
    }
}
