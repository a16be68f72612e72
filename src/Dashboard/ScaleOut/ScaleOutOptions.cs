using System.ComponentModel.DataAnnotations;
using Dashboard.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>Several instances behind a load balancer (configuration section <c>Redis</c>); unset, one instance.</summary>
public sealed class ScaleOutOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:port,password=...</c>). Set, the instances share Data
    /// Protection keys and the SignalR backplane there, one of them polls the upstream and the others mirror it.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long the polling instance's lease lasts without renewal; it is renewed every third of it. A polling instance
    /// that dies or hangs is replaced within two leases.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the polling instance sends the whole picture besides its change sets (at most 30 s).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Starts every Redis key and channel of this dashboard, so that several dashboards can share one Redis.</summary>
    public string Prefix { get; set; } = "dashboard";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        string? unreadable = null;
        try
        {
            ConfigurationOptions.Parse(ConnectionString!);
        }
        catch (ArgumentException exception)
        {
            unreadable = exception.Message;
        }

        if (unreadable is not null)
        {
            yield return new ValidationResult($"Redis:ConnectionString is not a Redis configuration string: {unreadable}", [nameof(ConnectionString)]);
        }

        if (Lease < TimeSpan.FromSeconds(1) || Lease > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"Redis:Lease must be between 00:00:01 and 00:05:00 (it is {Lease}).", [nameof(Lease)]);
        }

        if (SnapshotInterval < TimeSpan.FromSeconds(1) || SnapshotInterval > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult($"Redis:SnapshotInterval must be between 00:00:01 and 00:00:30 (it is {SnapshotInterval}).", [nameof(SnapshotInterval)]);
        }

        if (string.IsNullOrWhiteSpace(Prefix) || Prefix.Any(char.IsWhiteSpace))
        {
            yield return new ValidationResult("Redis:Prefix must be a word without spaces, such as dashboard.", [nameof(Prefix)]);
        }
    }
}

/// <summary>Several instances cannot share a SQLite file: scaled out, the database must be PostgreSQL.</summary>
internal sealed class ScaleOutStorageValidation(IOptions<DatabaseOptions> database) : IValidateOptions<ScaleOutOptions>
{
    public ValidateOptionsResult Validate(string? name, ScaleOutOptions options) =>
        options.IsEnabled && !database.Value.IsPostgres
            ? ValidateOptionsResult.Fail(
                $"Redis:ConnectionString is set, so Database:Provider must be {DatabaseOptions.Postgres}: several instances cannot share one SQLite file (it is '{database.Value.Provider}').")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Scaled out, every instance must read the same iAdvize account: with the embedded simulator (no API key), each instance
/// would simulate an account of its own, and the instances would show and change different operators.
/// </summary>
internal sealed class ScaleOutUpstreamValidation(Upstream.UpstreamMode upstream) : IValidateOptions<ScaleOutOptions>
{
    public ValidateOptionsResult Validate(string? name, ScaleOutOptions options) =>
        options.IsEnabled && upstream.IsSimulated
            ? ValidateOptionsResult.Fail(
                "Redis:ConnectionString is set, so Iadvize:BaseUrl and Iadvize:ApiKey must name an iAdvize account: with the embedded simulator each instance would simulate an account of its own.")
            : ValidateOptionsResult.Success;
}
