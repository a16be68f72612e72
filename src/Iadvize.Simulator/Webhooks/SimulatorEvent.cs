namespace Iadvize.Simulator.Webhooks;

/// <summary>A change of one operator's state, as the platform saw it happen.</summary>
internal enum SimulatorEventKind
{
    Connected,
    Disconnected,
    AvailabilityUpdated,
    ConversationPushed,
    ConversationClosed,
}

/// <summary>One change, with the channel and conversation for conversation events.</summary>
internal readonly record struct SimulatorEvent(SimulatorEventKind Kind, int OperatorId, string? Channel = null, long ConversationId = 0)
{
    /// <summary>The iAdvize webhook event type this change is delivered as.</summary>
    public string EventType => Kind switch
    {
        SimulatorEventKind.Connected => "user.connected",
        SimulatorEventKind.Disconnected => "user.disconnected",
        SimulatorEventKind.AvailabilityUpdated => "user.availability.updated",
        SimulatorEventKind.ConversationPushed => "v2.conversation.pushed",
        SimulatorEventKind.ConversationClosed => "v2.conversation.closed",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };
}
