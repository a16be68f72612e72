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

    public required string UserKey { get; set; }

    /// <summary>Null until the person chooses: the light theme.</summary>
    public ThemeChoice? Theme { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The dashboard's two looks.</summary>
public enum ThemeChoice
{
    Light,
    Dark,
}
