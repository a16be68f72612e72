using System.Globalization;

namespace Dashboard.Localization;

/// <summary>
/// The culture a live page was opened in, for work that a store's notification posts to it from another thread. Blazor
/// runs such work in the culture of the thread that posted it (the poller's: the server's default), not in the page's:
/// without this, a French page drew its next change set in English. Made with the component, inside its circuit.
/// </summary>
public sealed class PageCulture
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>Puts the page's culture back; call first in work posted with <c>InvokeAsync</c> from outside the circuit.</summary>
    public void Apply()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
