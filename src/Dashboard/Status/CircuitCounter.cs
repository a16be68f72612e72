using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Status;

/// <summary>Open pages (Blazor circuits) on this instance.</summary>
public sealed class CircuitCounter
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Told by Blazor of each circuit of this instance opening and closing (one handler per circuit).</summary>
    internal sealed class Tracker(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._open);
            return Task.CompletedTask;
        }
    }
}
