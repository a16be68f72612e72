namespace Dashboard.Audit;

/// <summary>
/// Who asked for a change and through which door. Until sign-in exists every person is <see cref="Anonymous"/>; the
/// accounts work only has to build this from the signed-in user where the pages and the hub call the commands.
/// </summary>
public sealed record CommandActor(string Name, string Via)
{
    public const string Page = "page";

    public const string Hub = "hub";

    public const string Bulk = "bulk";

    public const string AnonymousName = "anonymous";

    public static CommandActor Anonymous(string via) => new(AnonymousName, via);

    /// <summary>The same person, acting through a bulk change.</summary>
    public CommandActor InBulk() => this with { Via = Bulk };
}
