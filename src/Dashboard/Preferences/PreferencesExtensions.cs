namespace Dashboard.Preferences;

public static class PreferencesExtensions
{
    /// <summary>What each person chose for their own screen (theme), kept in the database.</summary>
    public static IHostApplicationBuilder AddPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserPreferences>();
        return builder;
    }
}
