using Dashboard.Auth;
using Dashboard.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests;

/// <summary>The account services over one database, wired as the app wires them, for tests that need several.</summary>
internal sealed class TestAccounts
{
    /// <summary>Over <paramref name="db"/>, whose file (if any) is not watched: it is never found lost.</summary>
    public TestAccounts(IDbContextFactory<DashboardDbContext> db, IOptions<AuthOptions> options, TimeProvider time)
    {
        SignIns = new SignIns(db, Hasher, options, time);
        Check = new AccountCheck(db, options, time);
        Administration = new AccountAdministration(db, Hasher, Check, Policies, UnwatchedFile(), options, time);
        Seeding = new AccountSeeding(db, Hasher, time);
    }

    /// <summary>A running app's own.</summary>
    public TestAccounts(IServiceProvider services)
    {
        SignIns = services.GetRequiredService<SignIns>();
        Check = services.GetRequiredService<AccountCheck>();
        Administration = services.GetRequiredService<AccountAdministration>();
        Seeding = services.GetRequiredService<AccountSeeding>();
    }

    public SignIns SignIns { get; }

    public AccountCheck Check { get; }

    public AccountAdministration Administration { get; }

    public AccountSeeding Seeding { get; }

    /// <summary>
    /// ASP.NET Core Identity's hasher with a work factor of <see cref="TestHashIterations"/>: the same algorithm and code
    /// as the app's, at a cost that suits a test making hundreds of accounts and sign-ins.
    /// </summary>
    public static IPasswordHasher<Account> Hasher { get; } =
        new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = TestHashIterations }));

    /// <summary>The PBKDF2 iterations of test hosts' password hashes (Identity's default, 100,000, costs about 0.1 s a hash).</summary>
    public const int TestHashIterations = 1_000;

    /// <summary>The app's authorization policies, as the app registers them.</summary>
    public static IAuthorizationService Policies { get; } = new ServiceCollection()
        .AddLogging()
        .AddAuthorizationBuilder().AddDashboardPolicies().Services
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    /// <summary>A database file that is never found lost, as PostgreSQL's (which has none).</summary>
    public static DatabaseFile UnwatchedFile() =>
        new(Options.Create(new DatabaseOptions { Provider = DatabaseOptions.Postgres }), NullLogger<DatabaseFile>.Instance);
}
