using System.ComponentModel.DataAnnotations;
using Dashboard.ScaleOut;
using Dashboard.Storage;
using Dashboard.Upstream;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.ScaleOut;

public sealed class ScaleOutOptionsTests
{
    [Fact]
    public void Unset_means_one_instance_and_nothing_is_checked()
    {
        var options = new ScaleOutOptions { Lease = TimeSpan.Zero };

        options.IsEnabled.ShouldBeFalse();
        Errors(options).ShouldBeEmpty();
        new ScaleOutStorageValidation(Options.Create(new DatabaseOptions())).Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("00:00:00.5", "Redis:Lease")]
    [InlineData("00:10:00", "Redis:Lease")]
    public void A_lease_out_of_range_is_named(string lease, string named)
    {
        Errors(new ScaleOutOptions { ConnectionString = "127.0.0.1:6379", Lease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) })
            .ShouldContain(error => error.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void A_snapshot_interval_over_thirty_seconds_is_named()
    {
        Errors(new ScaleOutOptions { ConnectionString = "127.0.0.1:6379", SnapshotInterval = TimeSpan.FromSeconds(31) })
            .ShouldContain(error => error.StartsWith("Redis:SnapshotInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_string_redis_cannot_read_is_named()
    {
        Errors(new ScaleOutOptions { ConnectionString = "127.0.0.1:6379,nosuchoption=1" })
            .ShouldContain(error => error.StartsWith("Redis:ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Scaled_out_the_database_must_be_postgres()
    {
        var options = new ScaleOutOptions { ConnectionString = "127.0.0.1:6379" };

        var sqlite = new ScaleOutStorageValidation(Options.Create(new DatabaseOptions())).Validate(null, options);
        var postgres = new ScaleOutStorageValidation(Options.Create(new DatabaseOptions { Provider = DatabaseOptions.Postgres })).Validate(null, options);

        sqlite.Failed.ShouldBeTrue();
        sqlite.FailureMessage.ShouldContain("Database:Provider must be Postgres");
        postgres.Succeeded.ShouldBeTrue();
        Errors(options).ShouldBeEmpty();
    }

    [Fact]
    public void Scaled_out_the_upstream_must_be_an_iadvize_account_not_the_embedded_simulator()
    {
        var options = new ScaleOutOptions { ConnectionString = "127.0.0.1:6379" };

        var simulated = new ScaleOutUpstreamValidation(new UpstreamMode(true, "simulated")).Validate(null, options);
        var account = new ScaleOutUpstreamValidation(new UpstreamMode(false, "iAdvize")).Validate(null, options);
        var alone = new ScaleOutUpstreamValidation(new UpstreamMode(true, "simulated")).Validate(null, new ScaleOutOptions());

        simulated.Failed.ShouldBeTrue();
        simulated.FailureMessage.ShouldContain("Iadvize:ApiKey");
        account.Succeeded.ShouldBeTrue();
        alone.Succeeded.ShouldBeTrue("one instance may run on the embedded simulator");
    }

    private static List<string> Errors(ScaleOutOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!)];
}
