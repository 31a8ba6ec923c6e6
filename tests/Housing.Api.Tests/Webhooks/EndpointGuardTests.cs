using System.Net;
using System.Net.Sockets;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Webhooks;

/// <summary>
/// A webhook cannot be aimed at the service's own network (SSRF), neither when it is registered
/// nor when it is called. These apps run as in production: https only, private networks refused.
/// Host names resolve through a stand-in resolver; no test here connects anywhere but 127.0.0.1.
/// </summary>
public sealed class EndpointGuardTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private readonly FakeResolver _resolver = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => Production();

    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<IHostResolver>(_resolver);

    private static Dictionary<string, string?> Production()
    {
        var settings = FastDelivery();
        settings["Webhooks:AllowPrivateNetworks"] = "false";
        settings["Webhooks:AllowHttp"] = "false";
        return settings;
    }

    private static readonly string[] InsideTheNetwork =
    [
        "https://127.0.0.1/hook", "https://127.8.9.10/hook", "https://localhost/hook", "https://10.0.0.8/hook",
        "https://172.16.5.4/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data/",
        "https://100.64.1.1/hook", "https://0.0.0.0/hook", "https://2130706433/hook", "https://0x7f.1/hook",
        "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:a00:1]/hook", "https://[fd12:3456::1]/hook",
        "https://[fe80::1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook",
        "https://private.shelter.test/hook", "https://mixed.shelter.test/hook", "https://nowhere.shelter.test/hook",
    ];

    [Test]
    public async Task AnAddressInsideTheNetworkIsRefusedNamingTheUrl()
    {
        var shelter = await App.NewShelterAsync();
        foreach (var url in InsideTheNetwork)
        {
            var problem = await (await PutWebhookAsync(shelter.Client, shelter.OrganizationId, url, ShelterSecret))
                .ExpectProblemAsync(HttpStatusCode.BadRequest, "url");
            Assert.That(problem["errors"]!["url"]![0]!.ToString(), Does.Contain("range").Or.Contain("resolved"), url);
        }
        await (await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task PlainHttpIsRefusedOutsideDevelopment()
    {
        var shelter = await App.NewShelterAsync();
        var problem = await (await PutWebhookAsync(shelter.Client, shelter.OrganizationId, "http://hooks.shelter.test/hook", ShelterSecret))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "url");
        Assert.That(problem["errors"]!["url"]![0]!.ToString(), Does.Contain("https"));
    }

    [Test]
    public async Task APublicAddressIsAccepted()
    {
        // Registration resolves the host but connects to nothing; no event is made here, so nothing is sent.
        var shelter = await App.NewShelterAsync();
        await SetWebhookAsync(shelter.Client, shelter.OrganizationId, "https://hooks.shelter.test/housing", ShelterSecret);
        await SetWebhookAsync(shelter.Client, shelter.OrganizationId, "https://93.184.215.14/housing", ShelterSecret);
    }

    [Test]
    public async Task ANameThatResolvesInsideTheNetworkAtDeliveryIsNotCalled()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var org = program.Shelter.OrganizationId;
        // Public when registered, then rebound to this machine (where the receiver listens) before any event exists.
        _resolver.Rebinding = true;
        await SetWebhookAsync(program.Client, org, $"https://rebind.shelter.test:{Receiver.Port}/hook", ShelterSecret);
        await ReferAsync(agency.CaseManager, Referral(program.Id));

        await DeliverAsync();

        Assert.That(Receiver.Calls, Is.Empty);
        var delivery = (await DeliveriesAsync(program.Client, org)).Single();
        Assert.That(((string?)delivery["status"], (int?)delivery["attempts"], (string?)delivery["lastError"]),
            Is.EqualTo(("pending", (int?)1, "The address is in a loopback, private, link-local or reserved range; the service will not call it.")));
    }

    [Test]
    public async Task AWebhookStoredWhilePrivateNetworksWereAllowedIsNotCalledOnceTheyAreNot()
    {
        await using var database = await NewDatabaseAsync();
        Shelter shelter;
        string caseManagerKey;
        Guid program;
        await using (var development = new HousingApp(database, FastDelivery()))
        {
            shelter = await development.NewShelterAsync();
            program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
            await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 6))).ExpectAsync(HttpStatusCode.OK);
            await SetWebhookAsync(shelter.Client, shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
            caseManagerKey = await development.Admin.IssueKeyAsync("case_manager", await development.Admin.CreateOrganizationAsync("Agency", "agency"));
        }

        var settings = FastDelivery();
        settings["Webhooks:AllowPrivateNetworks"] = "false";
        await using var production = new HousingApp(database, settings);
        await ReferAsync(production.Client(caseManagerKey), Referral(program));
        await DeliverAsync(production);

        Assert.That(Receiver.Calls, Is.Empty);
        var delivery = (await DeliveriesAsync(production.Admin, shelter.OrganizationId)).Single();
        Assert.That((string?)delivery["lastError"], Does.Contain("private"));
    }

    /// <summary>Stand-in DNS: a few names under .test, and localhost as the system resolves it.</summary>
    private sealed class FakeResolver : IHostResolver
    {
        private int _rebindCalls;

        /// <summary>rebind.shelter.test answers a public address once, then 127.0.0.1.</summary>
        public bool Rebinding { get; set; }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => host switch
        {
            "localhost" => Dns.GetHostAddressesAsync(host, ct),
            "hooks.shelter.test" => Task.FromResult(new[] { IPAddress.Parse("93.184.215.14") }),
            "private.shelter.test" => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3") }),
            "mixed.shelter.test" => Task.FromResult(new[] { IPAddress.Parse("93.184.215.14"), IPAddress.Parse("192.168.10.10") }),
            "rebind.shelter.test" when Rebinding => Task.FromResult(new[]
            {
                Interlocked.Increment(ref _rebindCalls) == 1 ? IPAddress.Parse("93.184.215.14") : IPAddress.Loopback,
            }),
            _ => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
        };
    }
}
