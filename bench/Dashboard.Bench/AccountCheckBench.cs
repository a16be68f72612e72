using System.Diagnostics;
using Dashboard.Auth;
using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Dashboard.Bench;

/// <summary>
/// What the sign-in check costs each HTTP request (the cookie's <c>OnValidatePrincipal</c> reads the account by id, so
/// that a disabled or re-roled account is signed out at once): <see cref="AccountCheck.CurrentRoleAsync"/> on a pooled
/// context factory, as the app has it, on SQLite and, when <c>DASHBOARD_BENCH_POSTGRES</c> names a server, PostgreSQL;
/// then how long a sign-in takes for an unknown name, a wrong password and the right one.
/// </summary>
internal static class AccountCheckBench
{
    private const int Warmup = 500;
    private const int Measured = 5_000;

    public static async Task RunAsync()
    {
        Console.WriteLine("Account check per request: AccountCheck.CurrentRoleAsync (one primary-key read)");
        Console.WriteLine();
        Console.WriteLine("| database | median | p95 | p99 | allocated per check |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        await OnEachDatabaseAsync("accounts", RowAsync);
        Console.WriteLine();

        // How long the sign-in form's check takes for an unknown name, a wrong password and the right one: the first two
        // must not differ, or the answer's time tells which user names exist.
        Console.WriteLine($"Sign-in check (SignIns.CheckAsync, {SignInRuns} runs each): an unknown name must cost what a wrong password costs");
        Console.WriteLine();
        Console.WriteLine("| database | attempt | median | min | max |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        await OnEachDatabaseAsync("signin", SignInRowsAsync);
        Console.WriteLine();
    }

    /// <summary>
    /// Runs <paramref name="rows"/> on a fresh, migrated database: a SQLite file, then PostgreSQL when
    /// <c>DASHBOARD_BENCH_POSTGRES</c> names a server. Each is deleted afterwards.
    /// </summary>
    private static async Task OnEachDatabaseAsync(string name, Func<string, IDbContextFactory<DashboardDbContext>, Task> rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-{name}-{Guid.NewGuid():N}.db");
        try
        {
            await OnAsync("SQLite (file)", new PooledDbContextFactory<SqliteDashboardDbContext>(
                new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={file}").Options), rows);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }

        if (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_POSTGRES") is { Length: > 0 } server)
        {
            var factory = new PooledDbContextFactory<PostgresDashboardDbContext>(
                new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql($"{server};Database=bench_{name}_{Guid.NewGuid():N}").Options);
            try
            {
                await OnAsync("PostgreSQL (loopback)", factory, rows);
            }
            finally
            {
                await using var db = await factory.CreateDbContextAsync();
                await db.Database.EnsureDeletedAsync();
            }
        }
    }

    private static async Task OnAsync<TContext>(string database, IDbContextFactory<TContext> factory, Func<string, IDbContextFactory<DashboardDbContext>, Task> rows)
        where TContext : DashboardDbContext
    {
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await rows(database, new AsDashboard<TContext>(factory));
    }

    private const int SignInRuns = 40;

    // The app's hasher, at the app's work factor: a sign-in's time includes its hash check.
    private static readonly IPasswordHasher<Account> Hasher = new PasswordHasher<Account>();

    private static async Task SignInRowsAsync(string database, IDbContextFactory<DashboardDbContext> factory)
    {
        // No lockout in the way of the measure.
        var accounts = new SignIns(factory, Hasher, Options.Create(new AuthOptions { MaxFailedAttempts = int.MaxValue }), TimeProvider.System);
        await new AccountSeeding(factory, Hasher, TimeProvider.System).EnsureAsync("manager", "manager-password", Role.Manager, CancellationToken.None);
        foreach (var (name, userName, password) in new[]
        {
            ("unknown user name", "nobody", "some-password"),
            ("known name, wrong password", "manager", "some-password"),
            ("known name, right password", "manager", "manager-password"),
        })
        {
            await accounts.CheckAsync(userName, password, CancellationToken.None);
            var times = new double[SignInRuns];
            for (var i = 0; i < SignInRuns; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await accounts.CheckAsync(userName, password, CancellationToken.None);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine($"| {database} | {name} | {times[SignInRuns / 2]:N1} ms | {times[0]:N1} ms | {times[^1]:N1} ms |");
        }
    }

    private static async Task RowAsync(string name, IDbContextFactory<DashboardDbContext> factory)
    {
        var options = Options.Create(new AuthOptions());
        await new AccountSeeding(factory, Hasher, TimeProvider.System).EnsureAsync("viewer", "viewer-password", Role.Viewer, CancellationToken.None);
        var signIn = await new SignIns(factory, Hasher, options, TimeProvider.System).CheckAsync("viewer", "viewer-password", CancellationToken.None);
        var user = AuthExtensions.ToPrincipal(signIn.Account!);
        var accounts = new AccountCheck(factory, options, TimeProvider.System);

        for (var i = 0; i < Warmup; i++)
        {
            await accounts.CurrentRoleAsync(user, CancellationToken.None);
        }

        var times = new double[Measured];
        // Over the whole loop, every thread: an awaited read may resume on another thread.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Measured; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await accounts.CurrentRoleAsync(user, CancellationToken.None) != Role.Viewer)
            {
                throw new InvalidOperationException("The check answered the wrong role.");
            }

            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Array.Sort(times);
        Console.WriteLine($"| {name} | {times[Measured / 2]:N0} µs | {times[Measured * 95 / 100]:N0} µs | {times[Measured * 99 / 100]:N0} µs | {allocated / Measured / 1024.0:N1} KB |");
    }

    private sealed class AsDashboard<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
