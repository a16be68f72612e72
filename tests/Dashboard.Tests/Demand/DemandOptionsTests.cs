using System.ComponentModel.DataAnnotations;
using Dashboard.Demand;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Demand;

public sealed class DemandOptionsTests
{
    private static List<ValidationResult> Problems(DemandOptions options) => [.. options.Validate(new ValidationContext(options))];

    [Fact]
    public void The_defaults_read_every_minute_in_the_servers_zone()
    {
        var options = new DemandOptions();
        var clock = new FakeTimeProvider();
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        Problems(options).ShouldBeEmpty();
        options.Interval.ShouldBe(TimeSpan.FromMinutes(1));
        options.ResolveZone(clock).Id.ShouldBe("Europe/Paris");
        new DemandOptions { TimeZone = " UTC " }.ResolveZone(clock).BaseUtcOffset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("00:00:00.500", null, "Demand:Interval")]
    [InlineData("02:00:00", null, "Demand:Interval")]
    [InlineData("00:01:00", "Mars/Olympus_Mons", "Demand:TimeZone 'Mars/Olympus_Mons'")]
    public void A_period_out_of_range_or_an_unknown_zone_is_refused_by_name(string interval, string? zone, string named)
    {
        var problems = Problems(new DemandOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), TimeZone = zone });

        problems.ShouldHaveSingleItem().ErrorMessage!.ShouldContain(named);
    }
}
