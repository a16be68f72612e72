namespace Dashboard.Tests;

/// <summary>Posts a server-rendered form as a browser does: its hidden fields (antiforgery token, form name) and cookies.</summary>
internal static class FormPost
{
    /// <summary>The hidden inputs of a page's forms, by name.</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));

    /// <summary>
    /// Reads the form at <paramref name="path"/> and posts it back with <paramref name="fields"/>, for a client that keeps no
    /// cookies: the page's cookies (the antiforgery one) are sent along by hand.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var form = HiddenFields(await page.Content.ReadAsStringAsync(cancellationToken));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (page.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        }

        return await client.SendAsync(request, cancellationToken);
    }
}
