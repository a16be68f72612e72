namespace Dashboard.Tv;

public static class TvExtensions
{
    /// <summary>The wall TV: its links (a ticket instead of a password on the screen).</summary>
    public static IHostApplicationBuilder AddTv(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TvLinkService>();
        return builder;
    }
}
