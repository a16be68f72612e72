namespace Dashboard.Bench;

/// <summary>The repository's docs/ folder, found from the bench's build output upwards (next to Dashboard.sln).</summary>
internal static class Docs
{
    public static string Folder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Dashboard.sln")))
                {
                    return Path.Combine(folder.FullName, "docs");
                }
            }

            throw new InvalidOperationException("No Dashboard.sln above the bench's build output: run it from the repository.");
        }
    }
}
