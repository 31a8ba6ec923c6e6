using Housing.Api.Asks;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Demo;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.OpenApi;
using Housing.Api.Operations;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Reports;
using Housing.Api.Security;
using Housing.Api.Watches;
using Housing.Api.Web;
using Housing.Api.Webhooks;

var command = HostCommand.Parse(args);
// Settings files sit beside the binary; relative data paths resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command.HostArgs,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHousingErrors();
builder.Services.AddHousingData();
builder.Services.AddHousingKeyRing();
builder.Services.AddHousingRateLimits();
builder.Services.AddHousingAuth();
builder.Services.AddHousingOpenApi();
builder.Services.AddHousingOperations();
builder.Services.AddCatalog();
builder.Services.AddMatching();
builder.Services.AddReferrals();
builder.Services.AddWatches();
builder.Services.AddAsks();
builder.Services.AddWebhooks();
builder.Services.AddReports();
builder.Services.AddSingleton<OrganizationStore>();
builder.Services.AddSingleton<PartnerStore>();
builder.Services.AddSingleton<AuditStore>();
builder.Services.AddSingleton<ProgramStore>();
builder.Services.AddSingleton<AvailabilityStore>();
builder.Services.AddSingleton<AvailabilityOperations>();
builder.Services.AddTransient<DemoSeeder>();
builder.Services.AddHousingConsole();

// No "Server: Kestrel" header: it only helps someone looking for a known weakness.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var app = builder.Build();

app.UseMiddleware<RequestLogging>();
app.UseMiddleware<SecurityHeaders>();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseMiddleware<HeadRequests>();
app.UseHousingErrors();
app.UseHousingConsole();
// Routing after the console's error pages, so the page an error status re-executes is routed too.
app.UseRouting();
app.UseAuthentication();
app.UseConsoleSession();
app.UseRateLimiter();
app.UseAuthorization();
app.UseStrictEnumBodies();

app.MapHealth();
app.MapHousingOpenApi();
app.MapProblemTypes();
app.MapApiKeys();
app.MapOrganizations();
app.MapPrograms();
app.MapAvailability();
app.MapMatches();
app.MapReferrals();
app.MapWatches();
app.MapAsks();
app.MapWebhooks();
app.MapReports();
app.MapAudit();
app.MapHousingConsole();

await app.Services.MigrateDatabaseAsync();
if (command.RotateKeys)
{
    await app.Services.RotateAsync(Console.Out);
    return;
}
await app.Services.SealStoredValuesAsync();
if (command.Seed || command.Demo)
{
    var seeded = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(command.Demo, CancellationToken.None);
    DemoSeeder.Print(seeded, Console.Out);
    if (command.Seed) return;
}
await app.Services.LoadCatalogAsync();

app.Run();

/// <summary>The host's entry class, named so WebApplicationFactory&lt;Program&gt; can find it.</summary>
public partial class Program;
