using System.ComponentModel.DataAnnotations;
using Dashboard.DayCurve;

namespace Dashboard.Tests.DayCurve;

public sealed class SampleOptionsTests
{
    private static List<ValidationResult> Problems(SampleOptions options) => [.. options.Validate(new ValidationContext(options))];

    [Fact]
    public void The_defaults_sample_every_minute_and_keep_a_month()
    {
        var options = new SampleOptions();

        Problems(options).ShouldBeEmpty();
        (options.Interval, options.Retention).ShouldBe((TimeSpan.FromMinutes(1), TimeSpan.FromDays(31)));
    }

    [Theory]
    [InlineData("00:01:00", "23:59:00", "Samples:Retention must be at least 1.00:00:00, a whole day (it is 23:59:00).")]
    [InlineData("00:00:00", "31.00:00:00", "Samples:Interval must be between 00:00:00.1 and 01:00:00 (it is 00:00:00).")]
    [InlineData("02:00:00", "31.00:00:00", "Samples:Interval must be between 00:00:00.1 and 01:00:00 (it is 02:00:00).")]
    public void A_retention_shorter_than_a_day_or_a_period_out_of_range_is_refused_by_name(string interval, string retention, string message)
    {
        var options = new SampleOptions
        {
            Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture),
        };

        Problems(options).ShouldHaveSingleItem().ErrorMessage.ShouldBe(message);
    }
}
