namespace Iadvize.Simulator;

internal enum Channel
{
    Chat = 0,
    Call = 1,
    Video = 2,
}

internal static class Channels
{
    public const int Count = 3;

    public static readonly Channel[] All = [Channel.Chat, Channel.Call, Channel.Video];

    public static string Name(Channel channel) => channel switch
    {
        Channel.Chat => "chat",
        Channel.Call => "call",
        Channel.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(string? name, out Channel channel)
    {
        switch (name)
        {
            case "chat":
                channel = Channel.Chat;
                return true;
            case "call":
                channel = Channel.Call;
                return true;
            case "video":
                channel = Channel.Video;
                return true;
            default:
                channel = default;
                return false;
        }
    }

    public static Channel Parse(string name, string paramName) =>
        TryParse(name, out var channel)
            ? channel
            : throw new ArgumentException($"Unknown channel '{name}': expected chat, call or video.", paramName);
}
