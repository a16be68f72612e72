namespace Dashboard.Tests;

/// <summary>Posts a server-rendered form as a browser does: its hidden fields (antiforgery token, form name) and cookies.</summary>
internal static class FormPost
{
    /// <summary>
    /// The hidden inputs of a page's forms, by name; the first of a name when several forms carry it (every form of a
    /// page has the same antiforgery token).
    /// </summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.First().Groups[2].Value));

    /// <summary>
    /// Reads the form at <paramref name="path"/> and posts it (back, or to <paramref name="postTo"/>) with
    /// <paramref name="fields"/>, for a client that keeps no cookies: <paramref name="cookie"/> (a sign-in) goes with both
    /// requests, and the page's own cookies (the antiforgery one) with the post.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        string path,
        IReadOnlyDictionary<string, string> fields,
        CancellationToken cancellationToken,
        string? postTo = null,
        string? cookie = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (cookie is not null)
        {
            get.Headers.Add("Cookie", cookie);
        }

        using var page = await client.SendAsync(get, cancellationToken);
        var form = HiddenFields(await page.Content.ReadAsStringAsync(cancellationToken));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(postTo ?? path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : [];
        request.Headers.Add("Cookie", string.Join("; ", cookie is null ? cookies : cookies.Prepend(cookie)));
        return await client.SendAsync(request, cancellationToken);
    }
}
