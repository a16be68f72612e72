using Dashboard.Live;

namespace Dashboard.Components.TvScreen;

/// <summary>The words a TV tile shows, in the page's language: "Offline", and each channel's name in <see cref="ChannelKinds.All"/> order.</summary>
public sealed record TvTileWords(string Offline, IReadOnlyList<string> Channels)
{
    public string Channel(ChannelKind channel) => Channels[(int)channel];
}
