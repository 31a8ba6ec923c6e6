using System.Net;
using Housing.Api.Data;
using Housing.Api.Security;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Watches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Housing.Api.Tests.Watches;

/// <summary>Watches live in the database: they outlast a restart, and with two instances each is fulfilled once.</summary>
public sealed class WatchDurabilityTests(DatabaseEngine engine) : WatchTest(engine)
{
    [Test]
    public async Task AWatchOutlivesARestartAndABedPostedWhileTheServiceWasDownIsHeldAtStart()
    {
        await using var database = await NewDatabaseAsync();
        Guid watchId, programId;
        string shelterKey, caseManagerKey;
        await using (var before = new HousingApp(database, Settings))
        {
            var shelter = await before.NewShelterAsync();
            programId = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
            await PostOpenAsync(shelter.Client, programId, adultsOpen: 0);
            shelterKey = await before.Admin.IssueKeyAsync("shelter", shelter.OrganizationId);
            var agency = await before.Admin.CreateOrganizationAsync("Freedom Network", "agency");
            caseManagerKey = await before.Admin.IssueKeyAsync("case_manager", agency);
            watchId = (await WatchAsync(before.Client(caseManagerKey), WatchBody(SingleWoman(), safety: UnsafePlace(34.2, -118.5, 3)))).Id();
        }

        // While the service is down the bed opens: written by an instance whose watch worker does not run.
        await using (var down = new HousingApp(database, Settings, WithoutWatchWorker))
        {
            await PostOpenAsync(down.Client(shelterKey), programId, adultsOpen: 1);
            await Task.Delay(300);
            await using var db = await down.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
            Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<int>(db, "SELECT COUNT(*) FROM holds;"), Is.Zero, "nothing acted while the service was down");
        }

        await using var restarted = new HousingApp(database, Settings);
        await restarted.Services.GetRequiredService<WatchWorker>().PassAsync(sync: true, CancellationToken.None);

        var read = await restarted.Client(caseManagerKey).GetJsonAsync($"/v1/watches/{watchId}");
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(read["safety"], Is.Not.Null, "its safety constraints came back with it");
        Assert.That(Steps(await restarted.Client(caseManagerKey).GetJsonAsync($"/v1/referrals/{read.Id("referralId")}")).Single().Id("programId"),
            Is.EqualTo(programId));
    }

    /// <summary>The service's own registrations, less the watch worker's loop.</summary>
    private static void WithoutWatchWorker(IServiceCollection services)
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                     && d.ImplementationFactory?.Method.ReturnType == typeof(WatchWorker)).ToList())
            services.Remove(hosted);
    }

    [Test]
    public async Task APostOnOneInstanceFulfilsAWatchMadeOnTheOtherExactlyOnce()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        await using var second = new HousingApp(App.Database, Settings);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));
        var secondWorker = second.Services.GetRequiredService<WatchWorker>();
        await secondWorker.PassAsync(sync: true, CancellationToken.None);

        var shelterKey = await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId);
        await PostOpenAsync(second.Client(shelterKey), program.Id, adultsOpen: 1);
        // The first instance learns of the post at its catalog refresh; both then try at once.
        await App.Services.GetRequiredService<Housing.Api.Catalog.CatalogRefresher>().RefreshAsync(CancellationToken.None);
        await Task.WhenAll(PassAsync(), secondWorker.PassAsync(sync: true, CancellationToken.None), PassAsync(),
            secondWorker.PassAsync(sync: false, CancellationToken.None));

        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(1));
        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(Events(read).Count(e => e == "held"), Is.EqualTo(1));
    }

    [Test]
    public async Task TheDatabaseFileNeverHoldsAWatchsUnsafePlace()
    {
        const double Latitude = 34.187311, Longitude = -118.396627;
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(Latitude, Longitude, 4)));
        Assert.That(await StoredSafetyAsync(watch.Id()), Does.StartWith(Sealer.Prefix).And.Not.Contain("34.187311"));
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();
        await ActOkAsync(program.Client, (await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId"), "accept");
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null, "destroyed when the watch ended");

        if (App.Database is not SqliteTestDatabase sqlite) return; // PostgreSQL's files are the server's, not the test's to read
        var files = Directory.GetFiles(Path.GetDirectoryName(sqlite.Path)!, Path.GetFileName(sqlite.Path) + "*");
        var text = string.Concat(files.Select(f => System.Text.Encoding.Latin1.GetString(ReadShared(f))));
        Assert.That(text, Does.Not.Contain("34.187311").And.Not.Contain("118.396627"), "not in the file nor its journal");
        Assert.That(text, Does.Contain("CM-WATCH-1"), "the scan can see plain text");
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
