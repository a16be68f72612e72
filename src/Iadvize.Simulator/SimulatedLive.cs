namespace Iadvize.Simulator;

/// <summary>Live state of one channel of one operator, as <c>GET /operator/{id}/live</c> reports it.</summary>
public sealed record SimulatedChannel(bool Enabled, int SlotNumber, int SlotMaxNumber, bool Busy, bool Available);

/// <summary>Live state of one operator, as <c>GET /operator/{id}/live</c> reports it.</summary>
public sealed record SimulatedLive(int Id, bool Connected, SimulatedChannel Chat, SimulatedChannel Call, SimulatedChannel Video);

/// <summary>A write request received over HTTP, body kept exactly as sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ContentType, string Body, DateTimeOffset ReceivedAt);
