namespace Dashboard.Preferences;

/// <summary>
/// What one signed-in person chose for their own screen, remembered across sign-ins and machines. One row per person,
/// keyed as <see cref="UserPreferences.KeyOf"/> names them; a later choice (a language, say) is one more column here, and
/// what a person owns in numbers (saved views) is a table of its own that points at <see cref="UserKey"/>.
/// </summary>
public sealed class UserPreference
{
    /// <summary>Long enough for a single sign-on's "name · subject"; a longer key is cut (see <see cref="Storage.Columns"/>).</summary>
    public const int MaxUserKeyLength = 400;

    /// <summary>A culture name such as "fr" or "pt-BR", with room to spare.</summary>
    public const int MaxLanguageLength = 16;

    public required string UserKey { get; set; }

    /// <summary>Null until the person chooses: the light theme.</summary>
    public ThemeChoice? Theme { get; set; }

    /// <summary>
    /// Null until the person chooses: the browser's language then, if the dashboard speaks it. Otherwise one of
    /// <see cref="Localization.Languages.Supported"/> ("en", "fr").
    /// </summary>
    public string? Language { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The dashboard's two looks.</summary>
public enum ThemeChoice
{
    Light,
    Dark,
}
