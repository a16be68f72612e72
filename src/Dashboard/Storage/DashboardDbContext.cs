using Dashboard.Audit;
using Dashboard.Auth;
using Dashboard.DayCurve;
using Dashboard.Preferences;
using Dashboard.Tv;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Storage;

/// <summary>
/// The dashboard's database. One subclass per provider, because SQLite and PostgreSQL need different column types and
/// therefore their own migrations; code asks for <see cref="IDbContextFactory{DashboardDbContext}"/> and never knows which.
/// It also keeps the Data Protection keys, so that a restart signs nobody out (people and TVs).
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<TvLink> TvLinks => Set<TvLink>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();

    public DbSet<EndedSession> EndedSessions => Set<EndedSession>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<AvailabilitySample> AvailabilitySamples => Set<AvailabilitySample>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var audit = modelBuilder.Entity<AuditEntry>();
        audit.ToTable("audit_entries");
        audit.HasKey(e => e.Id);
        audit.Property(e => e.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        audit.Property(e => e.Via).HasMaxLength(16);
        audit.Property(e => e.OperatorName).HasMaxLength(AuditEntry.MaxOperatorNameLength);
        audit.Property(e => e.Channel).HasMaxLength(16);
        audit.Property(e => e.FromState).HasMaxLength(32);
        audit.Property(e => e.ToState).HasMaxLength(32);
        audit.Property(e => e.VerifiedState).HasMaxLength(32);
        audit.Property(e => e.Message).HasMaxLength(AuditEntry.MaxMessageLength);
        audit.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        audit.Property(e => e.Instance).HasMaxLength(200);
        audit.HasIndex(e => e.RequestedAt);
        audit.HasIndex(e => e.OperatorId);
        // Reconciliation at start looks for entries without a completion.
        audit.HasIndex(e => e.CompletedAt);

        var account = modelBuilder.Entity<Account>();
        account.ToTable("accounts");
        account.HasKey(a => a.Id);
        account.Property(a => a.UserName).HasMaxLength(200);
        account.Property(a => a.NormalizedUserName).HasMaxLength(200);
        account.HasIndex(a => a.NormalizedUserName).IsUnique();
        account.Property(a => a.PasswordHash).HasMaxLength(500);
        account.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.SecurityStamp).HasMaxLength(64);
        account.Property(a => a.ChangedBy).HasMaxLength(200);

        var accountEvent = modelBuilder.Entity<AccountEvent>();
        accountEvent.ToTable("account_events");
        accountEvent.HasKey(e => e.Id);
        accountEvent.Property(e => e.Actor).HasMaxLength(AccountEvent.MaxNameLength);
        accountEvent.Property(e => e.Action).HasMaxLength(32);
        accountEvent.Property(e => e.Target).HasMaxLength(AccountEvent.MaxNameLength);
        accountEvent.Property(e => e.Detail).HasMaxLength(100);
        accountEvent.Property(e => e.Message).HasMaxLength(AccountEvent.MaxMessageLength);
        accountEvent.HasIndex(e => e.At);

        var endedSession = modelBuilder.Entity<EndedSession>();
        endedSession.ToTable("ended_sessions");
        endedSession.HasKey(s => s.Id);
        endedSession.Property(s => s.Id).HasMaxLength(EndedSession.MaxIdLength);
        endedSession.HasIndex(s => s.EndedAt);

        var tvLink = modelBuilder.Entity<TvLink>();
        tvLink.ToTable("tv_links");
        tvLink.HasKey(l => l.Id);
        tvLink.Property(l => l.Name).HasMaxLength(TvLink.MaxNameLength);
        tvLink.Property(l => l.TokenHash).HasMaxLength(64);
        tvLink.HasIndex(l => l.TokenHash).IsUnique();
        tvLink.Property(l => l.Settings).HasMaxLength(TvLink.MaxSettingsLength);
        tvLink.Property(l => l.CreatedBy).HasMaxLength(AccountEvent.MaxNameLength);
        tvLink.Property(l => l.RevokedBy).HasMaxLength(AccountEvent.MaxNameLength);

        var preference = modelBuilder.Entity<UserPreference>();
        preference.ToTable("user_preferences");
        preference.HasKey(p => p.UserKey);
        preference.Property(p => p.UserKey).HasMaxLength(UserPreference.MaxUserKeyLength);
        preference.Property(p => p.Theme).HasConversion<string>().HasMaxLength(16);
        preference.Property(p => p.Language).HasMaxLength(UserPreference.MaxLanguageLength);

        var savedView = modelBuilder.Entity<SavedView>();
        savedView.ToTable("saved_views");
        savedView.HasKey(v => v.Id);
        savedView.Property(v => v.UserKey).HasMaxLength(UserPreference.MaxUserKeyLength);
        savedView.Property(v => v.Name).HasMaxLength(SavedView.MaxNameLength);
        savedView.Property(v => v.NormalizedName).HasMaxLength(SavedView.MaxNameLength);
        savedView.Property(v => v.Query).HasMaxLength(SavedView.MaxQueryLength);
        // One name per person whatever its case; the index also serves listing a person's views.
        savedView.HasIndex(v => new { v.UserKey, v.NormalizedName }).IsUnique();
        savedView.HasOne<UserPreference>().WithMany().HasForeignKey(v => v.UserKey).OnDelete(DeleteBehavior.Cascade);

        var sample = modelBuilder.Entity<AvailabilitySample>();
        sample.ToTable("availability_samples");
        sample.HasKey(s => s.Id);
        // The day's curve reads from a day's start; retention deletes by age.
        sample.HasIndex(s => s.At);

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>The SQLite flavour: the default, one file next to the app.</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text; as binary numbers the time filters and sorting run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The PostgreSQL flavour, for several instances sharing one database.</summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add --context SqliteDashboardDbContext</c> build the model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresDashboardDbContext</c> build the model; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDashboardDbContext>
{
    public PostgresDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=localhost;Database=dashboard").Options);
}
