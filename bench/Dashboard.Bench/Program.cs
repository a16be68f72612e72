using Dashboard.Bench;

// dotnet run -c Release --project bench/Dashboard.Bench [-- upstream|diff|accounts] : prints Markdown tables.
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
