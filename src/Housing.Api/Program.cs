using Housing.Api.Asks;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Consistency;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Imports;
using Housing.Api.Matching;
using Housing.Api.Offline;
using Housing.Api.OpenApi;
using Housing.Api.Operations;
using Housing.Api.Organizations;
using Housing.Api.Overflow;
using Housing.Api.People;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Reports;
using Housing.Api.Security;
using Housing.Api.Telemetry;
using Housing.Api.Watches;
using Housing.Api.Web;
using Housing.Api.Webhooks;

var command = HostCommand.Parse(args);
// Settings files sit beside the binary; relative data paths resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command.HostArgs, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddHousingErrors();
builder.Services.AddHousingData();
builder.Services.AddHousingSecurity();
builder.Services.AddHousingAuth();
builder.Services.AddHousingOpenApi();
builder.Services.AddHousingOperations();
builder.Services.AddHousingTelemetry(builder.Configuration);
builder.Services.AddCatalog();
builder.Services.AddMatching();
builder.Services.AddReferrals();
builder.Services.AddWatches();
builder.Services.AddAsks();
builder.Services.AddOverflow();
builder.Services.AddOffline();
builder.Services.AddWebhooks();
builder.Services.AddReports();
builder.Services.AddOrganizations();
builder.Services.AddPrograms();
builder.Services.AddAvailability();
builder.Services.AddAudit();
builder.Services.AddConsistency();
builder.Services.AddImports();
builder.Services.AddPeople();
builder.Services.AddHousingConsole();
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.AddHousingLanguages();

var app = builder.Build();

app.UseMiddleware<RequestLogging>();
app.UseSecurityHeaders();
app.UseHousingLanguages();
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
app.MapMetrics();
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
app.MapOverflow();
app.MapOffline();
app.MapWebhooks();
app.MapReports();
app.MapAudit();
app.MapConsistency();
app.MapImports();
app.MapPeople();
app.MapHousingConsole();

if (!await command.PrepareAsync(app.Services)) return;
app.Run();

/// <summary>The host's entry class, named so WebApplicationFactory&lt;Program&gt; can find it.</summary>
public partial class Program;
