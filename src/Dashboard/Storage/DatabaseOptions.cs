using System.ComponentModel.DataAnnotations;

namespace Dashboard.Storage;

/// <summary>Which database holds the audit trail (and, later, accounts and saved views).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (a file next to the app, the default) or <c>Postgres</c> (for several instances).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// Taken from <c>ConnectionStrings:Dashboard</c>, not from this section, so that it follows .NET's usual place for
    /// connection strings. A relative SQLite file is resolved against the content root.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=dashboard.db";

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgres)
        {
            yield return new ValidationResult($"Database:Provider must be {Sqlite} or {Postgres} (it is '{Provider}').", [nameof(Provider)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("ConnectionStrings:Dashboard must not be empty.", [nameof(ConnectionString)]);
        }
    }
}
