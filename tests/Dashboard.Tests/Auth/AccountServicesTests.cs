using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Tests.Audit;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Auth;

[Trait("Database", "Postgres")]
public sealed class AccountServicesTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();
    private readonly TestAccounts _accounts;

    public AccountServicesTests() =>
        _accounts = new TestAccounts(_db, Options.Create(new AuthOptions { MaxFailedAttempts = 3, LockoutDuration = TimeSpan.FromMinutes(5) }), _db.Clock);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _accounts.Seeding.EnsureAsync("boss", "boss-password-1", Role.Manager, Token);
        await _accounts.Seeding.EnsureAsync("alice", "alice-password-1", Role.Viewer, Token);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<ClaimsPrincipal> SignInAsync(string userName, string password)
    {
        var check = await _accounts.SignIns.CheckAsync(userName, password, Token);
        return AuthExtensions.ToPrincipal(check.Account ?? throw new InvalidOperationException(check.Error));
    }

    private async Task<int> IdOfAsync(string userName) =>
        (await _accounts.Administration.ListAsync(Token)).Single(a => a.UserName == userName).Id;

    [Fact]
    public async Task A_locked_account_opens_again_when_the_lockout_has_passed()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Succeeded.ShouldBeFalse();
        }

        var locked = await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token);
        locked.Error.ShouldBe("Too many failed attempts: this account is locked until 09:05 UTC.");

        _db.Clock.Advance(TimeSpan.FromMinutes(4));
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeFalse();

        _db.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Guesses_sent_in_parallel_check_no_more_passwords_than_the_lockout_allows()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => _accounts.SignIns.CheckAsync("alice", $"guess-{i}", Token), Token)));

        // Three attempts (MaxFailedAttempts) are counted and checked; the third locks; every other one is refused unchecked.
        answers.Count(a => a.Error == SignIns.WrongCredentials).ShouldBeLessThanOrEqualTo(2);
        answers.Where(a => a.Error != SignIns.WrongCredentials).ShouldAllBe(a => a.Error!.StartsWith("Too many failed attempts", StringComparison.Ordinal));
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Error!.ShouldStartWith("Too many failed attempts", Case.Sensitive, "the right password waits for the lockout too");
        var alice = (await _accounts.Administration.ListAsync(Token)).Single(a => a.UserName == "alice");
        alice.IsLockedAt(_db.Clock.GetUtcNow()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_count_left_at_or_over_the_limit_locks_for_the_lockout_and_never_for_good()
    {
        // Six failures under a limit of ten, then the limit lowered to three (MaxFailedAttempts is configuration).
        var lenient = new TestAccounts(_db, Options.Create(new AuthOptions { MaxFailedAttempts = 10, LockoutDuration = TimeSpan.FromMinutes(5) }), _db.Clock);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            (await lenient.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe(SignIns.WrongCredentials);
        }

        (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe("Too many failed attempts: this account is locked until 09:05 UTC.");
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeFalse();

        _db.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeTrue("the lock ends when the lockout has passed");
    }

    [Fact]
    public async Task The_right_password_clears_earlier_failures()
    {
        (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe(SignIns.WrongCredentials);
        (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe(SignIns.WrongCredentials);
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeTrue();

        (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe(SignIns.WrongCredentials);
        (await _accounts.SignIns.CheckAsync("alice", "wrong", Token)).Error.ShouldBe(SignIns.WrongCredentials, "two failures after a success do not lock");
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_sign_in_keeps_its_role_until_the_account_is_changed_disabled_or_reset()
    {
        var boss = await SignInAsync("boss", "boss-password-1");
        var alice = await SignInAsync("alice", "alice-password-1");
        (await _accounts.Check.CurrentRoleAsync(alice, Token)).ShouldBe(Role.Viewer);

        (await _accounts.Administration.ChangeRoleAsync(boss, await IdOfAsync("alice"), Role.Supervisor, Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Check.CurrentRoleAsync(alice, Token)).ShouldBeNull();

        alice = await SignInAsync("alice", "alice-password-1");
        (await _accounts.Check.CurrentRoleAsync(alice, Token)).ShouldBe(Role.Supervisor);
        (await _accounts.Administration.SetDisabledAsync(boss, await IdOfAsync("alice"), true, Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Check.CurrentRoleAsync(alice, Token)).ShouldBeNull();
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Error.ShouldBe("This account is disabled. Ask a Manager.");

        (await _accounts.Administration.SetDisabledAsync(boss, await IdOfAsync("alice"), false, Token)).Succeeded.ShouldBeTrue();
        alice = await SignInAsync("alice", "alice-password-1");
        (await _accounts.Administration.ResetPasswordAsync(boss, await IdOfAsync("alice"), "a-brand-new-password", Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Check.CurrentRoleAsync(alice, Token)).ShouldBeNull();
        (await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Succeeded.ShouldBeFalse();
        (await _accounts.SignIns.CheckAsync("alice", "a-brand-new-password", Token)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Resetting_a_password_lifts_a_lockout_and_records_who_did_it()
    {
        var boss = await SignInAsync("boss", "boss-password-1");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _accounts.SignIns.CheckAsync("alice", "wrong", Token);
        }

        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _accounts.Administration.ResetPasswordAsync(boss, await IdOfAsync("alice"), "another-password", Token)).Succeeded.ShouldBeTrue();

        (await _accounts.SignIns.CheckAsync("alice", "another-password", Token)).Succeeded.ShouldBeTrue();
        var alice = (await _accounts.Administration.ListAsync(Token)).Single(a => a.UserName == "alice");
        alice.ChangedBy.ShouldBe("boss");
        alice.ChangedAt.ShouldBe(_db.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Only_a_Manager_whose_account_is_unchanged_may_manage_accounts()
    {
        var alice = await SignInAsync("alice", "alice-password-1");
        var boss = await SignInAsync("boss", "boss-password-1");

        var refused = await _accounts.Administration.CreateAsync(alice, "mallory", "mallory-password", Role.Manager, Token);
        refused.Succeeded.ShouldBeFalse();
        refused.Message.ShouldContain("Only a Manager");
        (await _accounts.Administration.SetDisabledAsync(alice, await IdOfAsync("boss"), true, Token)).Succeeded.ShouldBeFalse();

        // A second Manager demotes the first: the first's sign-in no longer manages anything.
        (await _accounts.Administration.CreateAsync(boss, "carol", "carol-password", Role.Manager, Token)).Succeeded.ShouldBeTrue();
        var carol = await SignInAsync("carol", "carol-password");
        (await _accounts.Administration.ChangeRoleAsync(carol, await IdOfAsync("boss"), Role.Viewer, Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Administration.CreateAsync(boss, "mallory", "mallory-password", Role.Manager, Token)).Succeeded.ShouldBeFalse();

        (await _accounts.Administration.ListAsync(Token)).Select(a => a.UserName).ShouldBe(["alice", "boss", "carol"]);
    }

    [Fact]
    public async Task Every_account_change_and_every_refused_attempt_is_recorded_with_who_and_when_but_no_password()
    {
        var boss = await SignInAsync("boss", "boss-password-1");
        var alice = await SignInAsync("alice", "alice-password-1");

        await _accounts.Administration.CreateAsync(boss, "bob", "bob-secret-password", Role.Viewer, Token);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        await _accounts.Administration.ChangeRoleAsync(boss, await IdOfAsync("bob"), Role.Supervisor, Token);
        await _accounts.Administration.ChangeRoleAsync(boss, await IdOfAsync("bob"), Role.Supervisor, Token);
        await _accounts.Administration.ResetPasswordAsync(boss, await IdOfAsync("bob"), "bob-new-secret-pass", Token);
        await _accounts.Administration.SetDisabledAsync(alice, await IdOfAsync("bob"), true, Token);
        await _accounts.Administration.SetDisabledAsync(boss, 999, true, Token);
        await _accounts.Administration.CreateAsync(boss, "bob", "another-password", Role.Manager, Token);

        var events = await _accounts.Administration.RecentEventsAsync(10, Token);

        events.Select(e => (e.Actor, e.Action, e.Target, e.Detail, e.Succeeded)).ShouldBe(
        [
            ("boss", AccountEvent.Created, "bob", "as Manager", false),
            ("boss", AccountEvent.Disabled, "#999", null, false),
            ("alice", AccountEvent.Disabled, "bob", null, false),
            ("boss", AccountEvent.PasswordReset, "bob", null, true),
            ("boss", AccountEvent.RoleChanged, "bob", "Viewer → Supervisor", true),
            ("boss", AccountEvent.Created, "bob", "as Viewer", true),
        ]);
        events[0].Message.ShouldBe("An account named bob already exists.");
        events[2].Message.ShouldContain("Only a Manager");
        events[^1].At.ShouldBe(_db.Clock.GetUtcNow().AddSeconds(-1));
        events.ShouldAllBe(e => !e.Message.Contains("secret", StringComparison.Ordinal) && !e.Message.Contains("another-password", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "long-enough-password", "Enter a user name.")]
    [InlineData("bob smith", "long-enough-password", "A user name may hold letters, digits and . _ - @ only.")]
    [InlineData("bob", "short", "A password has at least 10 characters.")]
    [InlineData("ALICE", "long-enough-password", "An account named ALICE already exists.")]
    public async Task A_new_account_needs_a_free_valid_name_and_a_long_enough_password(string userName, string password, string message)
    {
        var boss = await SignInAsync("boss", "boss-password-1");

        var result = await _accounts.Administration.CreateAsync(boss, userName, password, Role.Viewer, Token);

        result.ShouldBe(new AccountResult(false, message));
        (await _accounts.Administration.ListAsync(Token)).Count.ShouldBe(2);
        (await _accounts.Administration.RecentEventsAsync(1, Token)).ShouldHaveSingleItem().Message.ShouldBe(message);
    }

    [Fact]
    public async Task A_new_account_signs_in_with_its_role()
    {
        var boss = await SignInAsync("boss", "boss-password-1");

        var created = await _accounts.Administration.CreateAsync(boss, " bob ", "long-enough-password", Role.Supervisor, Token);

        created.ShouldBe(new AccountResult(true, "Account bob created as Supervisor."));
        var bob = await SignInAsync("BOB", "long-enough-password");
        (await _accounts.Check.CurrentRoleAsync(bob, Token)).ShouldBe(Role.Supervisor);
    }

    [Fact]
    public async Task Nobody_demotes_or_disables_themselves()
    {
        var boss = await SignInAsync("boss", "boss-password-1");

        (await _accounts.Administration.SetDisabledAsync(boss, await IdOfAsync("boss"), true, Token)).Message.ShouldBe("You cannot disable your own account: ask another Manager.");
        (await _accounts.Administration.ChangeRoleAsync(boss, await IdOfAsync("boss"), Role.Viewer, Token)).Message.ShouldBe("You cannot change your own role: ask another Manager.");
        (await _accounts.Check.CurrentRoleAsync(boss, Token)).ShouldBe(Role.Manager);
    }

    [Fact]
    public async Task The_last_active_Manager_account_stays_a_Manager_even_for_a_single_sign_on_Manager()
    {
        // A Manager from the identity provider has no local account: without the rule it could leave none behind.
        var external = External("erin@example.com", Role.Manager);

        (await _accounts.Administration.ChangeRoleAsync(external, await IdOfAsync("boss"), Role.Viewer, Token))
            .ShouldBe(new AccountResult(false, "boss is the last active Manager: make someone else a Manager first."));
        (await _accounts.Administration.SetDisabledAsync(external, await IdOfAsync("boss"), true, Token)).Succeeded.ShouldBeFalse();

        (await _accounts.Administration.CreateAsync(external, "carol", "carol-password", Role.Manager, Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Administration.ChangeRoleAsync(external, await IdOfAsync("boss"), Role.Viewer, Token)).Succeeded.ShouldBeTrue();
        (await _accounts.Administration.ListAsync(Token)).Single(a => a.UserName == "boss").ChangedBy.ShouldBe("erin@example.com");
    }

    [Fact]
    public async Task A_single_sign_on_user_has_the_role_of_its_claim_until_its_sign_in_is_too_old()
    {
        var external = External("erin@example.com", Role.Supervisor);

        (await _accounts.Check.CurrentRoleAsync(external, Token)).ShouldBe(Role.Supervisor);
        (await _accounts.Check.CurrentRoleAsync(new ClaimsPrincipal(new ClaimsIdentity()), Token)).ShouldBeNull();

        // The provider may have taken the role away since: after MaxSessionAge (8 hours) the person signs in again.
        _db.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await _accounts.Check.CurrentRoleAsync(external, Token)).ShouldBe(Role.Supervisor);
        _db.Clock.Advance(TimeSpan.FromSeconds(2));
        (await _accounts.Check.CurrentRoleAsync(external, Token)).ShouldBeNull();
    }

    private ClaimsPrincipal External(string name, Role role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString()),
            new Claim(AuthExtensions.ExternalClaimType, _db.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(AuthExtensions.SessionClaimType, EndedSession.NewId()),
        ],
        "oidc"));
}
