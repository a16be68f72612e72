using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Upstream;

/// <summary>
/// The address of the simulator this app serves itself, read from the addresses the server listens on, so that the
/// poller reaches it over real HTTP like it would reach iAdvize.
/// </summary>
public sealed class EmbeddedSimulatorAddress(IServer server)
{
    public const string PathPrefix = "/simulator/api/2";

    public Uri Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (listening is null)
        {
            // An in-memory test server has no address; its handler accepts any host.
            return new Uri("http://localhost" + PathPrefix);
        }

        var uri = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        // A wildcard bind is not an address one can call; loopback reaches it.
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = PathPrefix;
        return uri.Uri;
    }
}
