using Housing.Api.Watches;

namespace Housing.Api.Webhooks;

/// <summary>
/// Events were just committed to the outbox that someone is waiting on (a watch's hold): the
/// delivery worker starts a pass now instead of at its next poll.
/// </summary>
public sealed class DeliverySignal : Signal;
