using Dashboard.Commands;
using Dashboard.Live;

namespace Dashboard.Localization;

/// <summary>
/// The resource keys of texts that another text differs from only in case ("available" under a figure, "Available" in a
/// cell): the resource compiler compares keys without case, so these get keys of their own (and their English value).
/// </summary>
public static class TextKeys
{
    /// <summary>A headline figure's label ("available" under the number).</summary>
    public static string Of(Figure figure) => figure switch
    {
        Figure.Available or Figure.Busy => $"{figure.Label()} (figure)",
        _ => figure.Label(),
    };

    /// <summary>What a bulk change will ask ("make available on chat"), in the middle of a sentence.</summary>
    public static string Of(BulkAction action) => $"(action) {action.Describe()}";

    /// <summary>Why a bulk change skips an operator ("offline", "already available").</summary>
    public static string OfReason(string reason) => reason == "offline" ? "offline (reason)" : reason;
}
