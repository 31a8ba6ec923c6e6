using Housing.Api.Auth;
using Housing.Api.Data;
using Housing.Api.Tests.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// The whole app in memory over a database of its own (a SQLite file, or a PostgreSQL schema),
/// with a known bootstrap admin key and a clock the test moves. Pass a <see cref="TestDatabase"/>
/// to start a second app on the same database: a restart, or another instance.
/// </summary>
public sealed class HousingApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-bootstrap-admin-key-0123456789";

    /// <summary>A fixed "now" after every inventory start date in <see cref="Bodies"/>.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 21, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase? _ownedDatabase;
    private readonly Lazy<HttpClient> _admin;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly Action<ILoggingBuilder>? _logging;

    /// <param name="database">The database to run on; a new SQLite file of the app's own when null.</param>
    /// <param name="settings">Configuration to set on top of the app's own, such as <c>Referrals:MaxHeldPerCaseManager</c>.</param>
    /// <param name="services">Replaces services after the app's own, such as the webhooks' host resolver.</param>
    /// <param name="logging">Where the app's logs go; nowhere when null.</param>
    public HousingApp(TestDatabase? database = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        Action<ILoggingBuilder>? logging = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _logging = logging;
        if (database is null) database = _ownedDatabase = new SqliteTestDatabase();
        Database = database;
        _admin = new Lazy<HttpClient>(() => Client(AdminKey));
    }

    public TestDatabase Database { get; }

    public string KeysPath => Database.KeysPath;

    /// <summary>Where the console keeps uploaded HMIS exports between their dry run and their confirmation.</summary>
    public string UploadsPath => Path.Combine(Database.FolderPath, "uploads");

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>A client authenticated with the bootstrap admin key.</summary>
    public HttpClient Admin => _admin.Value;

    /// <summary>
    /// A client like the factory's own (redirects followed, cookies kept), whose every /v1 answer
    /// is held to openapi.yaml (<see cref="ContractCheckingHandler"/>). It hides the factory's
    /// method, which takes no handler of ours; every client of this app is made here.
    /// </summary>
    public new HttpClient CreateClient()
    {
        var handlers = new List<DelegatingHandler>();
        if (ClientOptions.AllowAutoRedirect) handlers.Add(new RedirectHandler(ClientOptions.MaxAutomaticRedirections));
        if (ClientOptions.HandleCookies) handlers.Add(new CookieContainerHandler());
        // Innermost, so it sees each answer as the server sent it, redirects included.
        handlers.Add(new ContractCheckingHandler());
        return CreateDefaultClient(ClientOptions.BaseAddress, [.. handlers]);
    }

    /// <summary>A client that sends this key (or none) in X-Api-Key.</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        return client;
    }

    public async Task<HttpClient> ClientForRoleAsync(string role, Guid? organizationId = null) =>
        Client(await Admin.IssueKeyAsync(role, organizationId));

    /// <summary>A provider organisation and a shelter key bound to it.</summary>
    public async Task<Shelter> NewShelterAsync(string name = "Harbor House")
    {
        var organizationId = await Admin.CreateOrganizationAsync(name);
        return new Shelter(organizationId, await ClientForRoleAsync("shelter", organizationId));
    }

    /// <summary>
    /// One emergency program with open beds (<see cref="Bodies.Emergency"/>: Metro LA, in ZIP
    /// code 90057), and a case manager signed into the console on the search page.
    /// </summary>
    public async Task<(ConsoleBrowser Browser, string Form)> SearchPageWithOneShelterAsync()
    {
        var shelter = await NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 5))).ExpectAsync(System.Net.HttpStatusCode.OK);
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var browser = await ConsoleBrowser.SignInAsync(this, await Admin.IssueKeyAsync("case_manager", agency));
        return (browser, await browser.GetPageAsync("/search"));
    }

    /// <summary>A shelter with one confidential emergency program (<see cref="Bodies.ConfidentialEmergency"/>).</summary>
    public async Task<(Shelter Shelter, Guid ProgramId)> NewConfidentialProgramAsync()
    {
        var shelter = await NewShelterAsync("Safe Haven");
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.ConfidentialEmergency(shelter.OrganizationId));
        return (shelter, id);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        builder.UseSetting(BootstrapAdminKey.Variable, AdminKey);
        // The key ring goes with the database, so an app restarted on it opens what it sealed.
        builder.UseSetting("DataProtection:KeysPath", KeysPath);
        // Uploaded exports kept for their confirmation go with the database too, never into the test's working directory.
        builder.UseSetting("Imports:UploadsPath", UploadsPath);
        // Before the test's own settings, so that RateLimitTests can set real limits.
        foreach (var (key, value) in LiftedRateLimits.Settings) builder.UseSetting(key, value);
        // Every test starts an app, most never search: no warm-up search each time (SearchWarmUpTests turn it on).
        builder.UseSetting("Matching:WarmUp", "false");
        // Catch-up work at once, as the tests were written for: a delay on the fake clock would run it
        // in the middle of tests that move the clock on (ConsistencyWorkerTests and ReportSchedulerTests set their own).
        builder.UseSetting("Consistency:FirstRunMinutes", "0");
        builder.UseSetting("Reports:CatchUpDelayMinutes", "0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            // HOUSING_TEST_LOGS=1 shows every app's warnings and errors, to see why a request failed.
            if (Environment.GetEnvironmentVariable("HOUSING_TEST_LOGS") == "1") logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            _logging?.Invoke(logging);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownedDatabase is not null) await _ownedDatabase.DisposeAsync();
    }
}

public sealed record Shelter(Guid OrganizationId, HttpClient Client);
