using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Preferences;
using Dashboard.Tests.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Preferences;

[Trait("Database", "Postgres")]
public sealed class UserPreferencesTests : IAsyncDisposable
{
    private readonly AuditDatabase _db = new();
    private readonly UserPreferences _preferences;

    public UserPreferencesTests() => _preferences = new UserPreferences(_db, _db.Clock, NullLogger<UserPreferences>.Instance);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static ClaimsPrincipal Local(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, nameof(Role.Viewer))], "test"));

    private static ClaimsPrincipal SingleSignOn(string name, string subject) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, nameof(Role.Viewer)),
            new Claim(ClaimTypes.NameIdentifier, $"{Dashboard.Auth.SingleSignOn.Scheme}:{subject}"),
            new Claim(AuthExtensions.ExternalClaimType, "1764460800"),
        ],
        "oidc"));

    [Fact]
    public async Task Someone_who_never_chose_sees_the_light_theme()
    {
        (await _preferences.ThemeAsync(Local("alice"), Token)).ShouldBe(ThemeChoice.Light);
    }

    [Fact]
    public async Task A_chosen_theme_is_remembered_for_that_person_only()
    {
        (await _preferences.SetThemeAsync(Local("alice"), ThemeChoice.Dark, Token)).ShouldBeTrue();

        (await _preferences.ThemeAsync(Local("alice"), Token)).ShouldBe(ThemeChoice.Dark);
        (await _preferences.ThemeAsync(Local("bob"), Token)).ShouldBe(ThemeChoice.Light);
    }

    [Fact]
    public async Task Choosing_again_replaces_the_choice_in_the_persons_one_row()
    {
        await _preferences.SetThemeAsync(Local("alice"), ThemeChoice.Dark, Token);
        _db.Clock.Advance(TimeSpan.FromMinutes(5));

        await _preferences.SetThemeAsync(Local("alice"), ThemeChoice.Light, Token);

        (await _preferences.ThemeAsync(Local("alice"), Token)).ShouldBe(ThemeChoice.Light);
        await using var db = _db.CreateDbContext();
        var row = await db.UserPreferences.SingleAsync(Token);
        row.UserKey.ShouldBe("alice");
        row.Theme.ShouldBe(ThemeChoice.Light);
        row.UpdatedAt.ShouldBe(_db.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_single_sign_on_person_keeps_choices_apart_from_a_local_account_of_the_same_name()
    {
        await _preferences.SetThemeAsync(SingleSignOn("erin", "00u42"), ThemeChoice.Dark, Token);

        (await _preferences.ThemeAsync(SingleSignOn("erin", "00u42"), Token)).ShouldBe(ThemeChoice.Dark);
        (await _preferences.ThemeAsync(Local("erin"), Token)).ShouldBe(ThemeChoice.Light);
        (await _preferences.ThemeAsync(SingleSignOn("erin", "00u99"), Token)).ShouldBe(ThemeChoice.Light);
    }

    [Fact]
    public async Task Nobody_signed_in_has_the_light_theme_and_cannot_keep_one()
    {
        var nobody = new ClaimsPrincipal(new ClaimsIdentity());

        (await _preferences.ThemeAsync(nobody, Token)).ShouldBe(ThemeChoice.Light);
        await Should.ThrowAsync<InvalidOperationException>(() => _preferences.SetThemeAsync(nobody, ThemeChoice.Dark, Token));
    }

    [Fact]
    public async Task Two_pages_of_one_person_choosing_at_once_leave_one_row()
    {
        await Task.WhenAll(
            _preferences.SetThemeAsync(Local("alice"), ThemeChoice.Dark, Token),
            _preferences.SetThemeAsync(Local("alice"), ThemeChoice.Dark, Token));

        await using var db = _db.CreateDbContext();
        (await db.UserPreferences.CountAsync(Token)).ShouldBe(1);
        (await _preferences.ThemeAsync(Local("alice"), Token)).ShouldBe(ThemeChoice.Dark);
    }
}
