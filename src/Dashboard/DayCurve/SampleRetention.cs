using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.DayCurve;

/// <summary>Deletes samples older than <see cref="SampleOptions.Retention"/>, at start and then once a day, as the audit's retention does.</summary>
public sealed class SampleRetention(SampleStore samples, IOptions<SampleOptions> options, TimeProvider time, ILogger<SampleRetention> logger)
    : RetentionSweep(time, logger)
{
    protected override string What => "availability samples";

    protected override TimeSpan Retention => options.Value.Retention;

    protected override Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        samples.DeleteOlderThanAsync(cutoff, cancellationToken);
}
