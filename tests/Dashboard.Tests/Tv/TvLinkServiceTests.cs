using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Live;
using Dashboard.Tests.Audit;
using Dashboard.Tv;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Tv;

[Trait("Database", "Postgres")]
public sealed class TvLinkServiceTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();
    private readonly TestAccounts _accounts;
    private readonly TvLinkService _links;

    public TvLinkServiceTests()
    {
        _accounts = new TestAccounts(_db, Options.Create(new AuthOptions()), _db.Clock);
        _links = new TvLinkService(_db, _accounts.Check, TestAccounts.Policies, _db.Clock);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _accounts.Seeding.EnsureAsync("boss", "boss-password-1", Role.Manager, Token);
        await _accounts.Seeding.EnsureAsync("alice", "alice-password-1", Role.Supervisor, Token);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<ClaimsPrincipal> SignInAsync(string userName, string password) =>
        AuthExtensions.ToPrincipal((await _accounts.SignIns.CheckAsync(userName, password, Token)).Account!);

    [Fact]
    public async Task A_link_opens_its_own_settings_and_only_its_hash_is_kept()
    {
        var boss = await SignInAsync("boss", "boss-password-1");

        var created = await _links.CreateAsync(boss, "Support floor", TvSettings.Parse("?group=Support&sort=name"), Token);

        created.Succeeded.ShouldBeTrue(created.Message);
        var token = created.Token.ShouldNotBeNull();
        token.Length.ShouldBeGreaterThanOrEqualTo(43); // 256 bits in Base64Url
        await using (var db = _db.CreateDbContext())
        {
            var stored = await db.TvLinks.SingleAsync(Token);
            stored.TokenHash.ShouldBe(TvLinkService.Hash(token));
            stored.TokenHash.ShouldNotContain(token);
            stored.CreatedBy.ShouldBe("boss");
        }

        var grant = (await _links.OpenAsync(token, Token)).ShouldNotBeNull();
        grant.Name.ShouldBe("Support floor");
        grant.Settings.Filter.Group.ShouldBe("Support");
        grant.Settings.Sort.ShouldBe(OperatorSort.Name);
        (await _links.ListAsync(Token)).ShouldHaveSingleItem().LastUsedAt.ShouldBe(_db.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_revoked_link_opens_nothing_and_its_screens_hear_it_at_once()
    {
        var boss = await SignInAsync("boss", "boss-password-1");
        var token = (await _links.CreateAsync(boss, "Lobby", TvSettings.Default, Token)).Token!;
        var linkId = (await _links.ListAsync(Token)).Single().Id;
        var heard = new List<long>();
        _links.Revoked += heard.Add;

        (await _links.RevokeAsync(boss, linkId, Token)).Succeeded.ShouldBeTrue();

        heard.ShouldBe([linkId]);
        (await _links.OpenAsync(token, Token)).ShouldBeNull();
        (await _links.IsActiveAsync(linkId, Token)).ShouldBeFalse();
        var listed = (await _links.ListAsync(Token)).Single();
        listed.Revoked.ShouldBeTrue();
        listed.RevokedBy.ShouldBe("boss");
        (await _links.RevokeAsync(boss, linkId, Token)).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task Only_a_manager_makes_or_revokes_links_and_every_attempt_is_recorded()
    {
        var boss = await SignInAsync("boss", "boss-password-1");
        var alice = await SignInAsync("alice", "alice-password-1");
        await _links.CreateAsync(boss, "Lobby", TvSettings.Default, Token);
        var linkId = (await _links.ListAsync(Token)).Single().Id;

        (await _links.CreateAsync(alice, "Mine", TvSettings.Default, Token)).Succeeded.ShouldBeFalse();
        (await _links.RevokeAsync(alice, linkId, Token)).Succeeded.ShouldBeFalse();
        (await _links.CreateAsync(boss, "  ", TvSettings.Default, Token)).Message.ShouldContain("Give the link a name");

        await using var db = _db.CreateDbContext();
        var events = await db.AccountEvents.OrderBy(e => e.Id).Where(e => e.Action.StartsWith("tv link")).ToListAsync(Token);
        events.Select(e => (e.Actor, e.Action, e.Succeeded)).ShouldBe(
        [
            ("boss", AccountEvent.TvLinkCreated, true),
            ("alice", AccountEvent.TvLinkCreated, false),
            ("alice", AccountEvent.TvLinkRevoked, false),
            ("boss", AccountEvent.TvLinkCreated, false),
        ]);
        (await _links.IsActiveAsync(linkId, Token)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task An_unknown_token_opens_nothing(string? token) =>
        (await _links.OpenAsync(token, Token)).ShouldBeNull();
}
