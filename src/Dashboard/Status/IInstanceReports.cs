namespace Dashboard.Status;

/// <summary>Where the status page finds every instance's report: this instance alone, or, scaled out, Redis.</summary>
public interface IInstanceReports
{
    Task<InstanceReports> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>One instance: its own report.</summary>
public sealed class LocalInstanceReports(InstanceFigures figures) : IInstanceReports
{
    public Task<InstanceReports> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new InstanceReports([figures.Now()], null));
}
