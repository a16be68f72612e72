namespace Dashboard.Preferences;

public static class PreferencesExtensions
{
    /// <summary>What each person chose for their own screen (theme, saved views), kept in the database.</summary>
    public static IHostApplicationBuilder AddPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserPreferences>();
        builder.Services.AddSingleton<SavedViews>();
        return builder;
    }
}
