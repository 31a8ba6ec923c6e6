using Housing.Api.Auth;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Browser.Tests.Infrastructure;

/// <summary>
/// The whole app on a real Kestrel at a free 127.0.0.1 port (a browser cannot reach the
/// in-memory test server), over a fresh SQLite file, on the real clock (the browser's cookies
/// and the page's times use it too), with a known bootstrap admin key for seeding through the API.
/// A fixture may add settings of its own, such as its identity provider's (<c>People:Oidc:*</c>).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "browser-bootstrap-admin-key-0123456789";

    private readonly TempDirectory _directory = new();
    private readonly IReadOnlyDictionary<string, string> _settings;

    public BrowserApp(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/');
        Admin = Api(AdminKey);
    }

    /// <summary>Such as http://127.0.0.1:41234, with no trailing slash.</summary>
    public string BaseUrl { get; }

    public HttpClient Admin { get; }

    /// <summary>A client of the real server that sends this key in X-Api-Key.</summary>
    public HttpClient Api(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Housing", $"Data Source={_directory.PathOf("housing.db")}");
        builder.UseSetting(BootstrapAdminKey.Variable, AdminKey);
        builder.UseSetting("Reports:Schedule", "false");
        // The tests run the consistency check when they need one; a run at start-up would make theirs wait.
        builder.UseSetting("Consistency:Schedule", "false");
        builder.UseSetting("DataProtection:KeysPath", _directory.PathOf("keys"));
        foreach (var (key, value) in LiftedRateLimits.Settings) builder.UseSetting(key, value);
        // A referral's page asks for its status every second, so a test sees an acceptance quickly.
        builder.UseSetting("Console:StatusPollSeconds", "1");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public override async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
