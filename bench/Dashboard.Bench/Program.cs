using Dashboard.Bench;

// dotnet run -c Release --project bench/Dashboard.Bench [-- upstream|diff|accounts|tv-screens|tv-soak [minutes]] : prints Markdown tables
// (tv-screens writes screenshots of the wall TV to docs/ instead).
var which = args.Length > 0 ? args[0] : "all";
if (which is "all" or "upstream")
{
    await UpstreamRequestsBench.RunAsync([100, 1_000, 10_000]);
}

if (which is "all" or "diff")
{
    DiffApplyBench.Run([1_000, 10_000, 50_000], [0.01, 0.10, 1.00], rosterChangesAt: 10_000);
}

if (which is "all" or "accounts")
{
    await AccountCheckBench.RunAsync();
}

if (which is "tv-screens")
{
    await TvScreensBench.RunAsync(Docs.Folder);
}

if (which is "tv-soak")
{
    await TvSoakBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
}
