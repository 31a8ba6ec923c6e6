using System.Diagnostics;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Reports;
using Housing.Api.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Housing.Bench;

/// <summary>
/// The nightly capacity report end to end over a realistic year, on a SQLite file: 1,000
/// programs (100 organisations, 5% confidential), three posts a day each for 365 days (about
/// 1.1 million snapshots), 60 referrals a day with their steps and holds, and 300 searches a day.
/// Times the day's SQL reads, the build, and the JSON, CSV and HTML, for the last day and for a
/// day mid-year. <c>dotnet run -c Release --project bench/Housing.Bench -- --report [FILE]</c>
/// </summary>
public static class ReportBench
{
    private const int Programs = 1000, Organizations = 100, PostsPerDay = 3, ReferralsPerDay = 60, SearchesPerDay = 300, Days = 365;
    private static readonly DateOnly LastDay = new(2026, 3, 1);

    public static async Task RunAsync(string? path)
    {
        TypeHandlers.Register();
        path ??= Path.Combine(Path.GetTempPath(), "housing-report-bench.db");
        var connections = new SqliteConnectionFactory($"Data Source={path}", Environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            await new Migrator(connections, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(connections);
            Console.WriteLine($"Seeded {path} in {seeding.Elapsed.TotalSeconds:0.0} s");
        }
        var store = new ReportStore(connections, new ProgramStore(connections, new ProgramCatalog(), new Sealers(new EphemeralDataProtectionProvider())), new CountReminderStore(connections),
            new OutboxReportPublisher());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var pages = new ReportHtml(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);
        foreach (var date in new[] { LastDay, LastDay.AddDays(-180), LastDay })
        {
            var (start, end) = ReportSchedule.Window(date, zone);
            var total = Stopwatch.StartNew();
            var inputs = await store.ReadInputsAsync(date, zone.Id, start, end, CancellationToken.None);
            var read = total.Elapsed;
            var report = ReportBuilder.Build(inputs, 24, 3, end);
            var built = total.Elapsed;
            var json = HousingJson.Serialize(report);
            var csv = ReportCsv.Write(report);
            var html = await pages.RenderAsync(report);
            Console.WriteLine($"{date:yyyy-MM-dd}: read {read.TotalMilliseconds:0} ms ({inputs.Programs.Count} programs, {inputs.Steps.Count} steps, {inputs.Searches.Count} searches), " +
                $"build {(built - read).TotalMilliseconds:0} ms, JSON+CSV+HTML {(total.Elapsed - built).TotalMilliseconds:0} ms; total {total.Elapsed.TotalMilliseconds:0} ms " +
                $"(JSON {json.Length / 1024} KiB, CSV {csv.Length / 1024} KiB, HTML {html.Length / 1024} KiB)");
        }
    }

    private static async Task SeedAsync(IDbConnectionFactory connections)
    {
        var random = new Random(20260302);
        var first = new DateTimeOffset(LastDay.AddDays(1 - Days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await connections.OpenAsync(CancellationToken.None);
        await using var tx = await db.BeginTransactionAsync();
        var orgs = Enumerable.Range(0, Organizations).Select(_ => Guid.CreateVersion7()).ToList();
        await db.ExecuteAsync("INSERT INTO organizations (id, name, type, region, created_at) VALUES (@Id, @Name, 'provider_and_agency', 'spa-4', @At);",
            orgs.Select((id, i) => new { Id = id, Name = $"Organisation {i}", At = first.AddDays(-1) }), tx);
        var kinds = new[] { ("emergency", 1), ("transitional", 2), ("rapid_rehousing", 13) };
        var programs = Enumerable.Range(0, Programs).Select(i => (Id: Guid.CreateVersion7(), Org: orgs[i % Organizations], Kind: kinds[i % 3], Confidential: i % 20 == 0)).ToList();
        await db.ExecuteAsync("""
            INSERT INTO programs (id, organization_id, name, kind, hud_project_type, max_stay_days, region, latitude, longitude, confidential,
                                  hud_funded, services_json, eligibility_json, version, content_hash, created_at, updated_at)
            VALUES (@Id, @Org, @Name, @Kind, @Hud, 90, @Region, 34.0, -118.3, @Confidential, 0, '[]', '{}', 1, '', @At, @At);
            """, programs.Select((p, i) => new { p.Id, p.Org, Name = $"Program {i}", Kind = p.Kind.Item1, Hud = p.Kind.Item2, Region = $"spa-{i % 8 + 1}", p.Confidential, At = first.AddDays(-1) }), tx);
        await db.ExecuteAsync("""
            INSERT INTO program_inventory (program_id, position, household_type, units, beds, slots, availability, bed_type, start_date)
            VALUES (@Id, @Position, @Type, @Units, @Beds, @Slots, @Availability, @BedType, '2024-01-01');
            """, programs.SelectMany(p => new[] { (p, 0, 1), (p, 1, 3) }).Select(x => new
        {
            x.p.Id,
            Position = x.Item2,
            Type = x.Item3,
            Units = x.p.Kind.Item1 == "rapid_rehousing" ? 0 : 4,
            Beds = x.p.Kind.Item1 == "rapid_rehousing" ? 0 : 20,
            Slots = x.p.Kind.Item1 == "rapid_rehousing" ? 10 : 0,
            Availability = x.p.Kind.Item1 == "emergency" ? 1 : (int?)null,
            BedType = x.p.Kind.Item1 == "emergency" ? 1 : (int?)null,
        }), tx);

        var snapshot = db.CreateCommand();
        snapshot.Transaction = tx;
        snapshot.CommandText = "INSERT INTO availability_snapshots (program_id, posted_at, posted_by) VALUES ($p, $t, 'bench') RETURNING id;";
        var sp = snapshot.CreateParameter(); sp.ParameterName = "$p"; snapshot.Parameters.Add(sp);
        var st = snapshot.CreateParameter(); st.ParameterName = "$t"; snapshot.Parameters.Add(st);
        var count = db.CreateCommand();
        count.Transaction = tx;
        count.CommandText = "INSERT INTO availability_counts (snapshot_id, household_type, beds, units, slots) VALUES ($s, 1, $b, 0, $l), ($s, 3, $b2, 0, $l2);";
        var cs = count.CreateParameter(); cs.ParameterName = "$s"; count.Parameters.Add(cs);
        var cb = count.CreateParameter(); cb.ParameterName = "$b"; count.Parameters.Add(cb);
        var cl = count.CreateParameter(); cl.ParameterName = "$l"; count.Parameters.Add(cl);
        var cb2 = count.CreateParameter(); cb2.ParameterName = "$b2"; count.Parameters.Add(cb2);
        var cl2 = count.CreateParameter(); cl2.ParameterName = "$l2"; count.Parameters.Add(cl2);
        for (var day = 0; day < Days; day++)
        {
            for (var post = 0; post < PostsPerDay; post++)
            {
                foreach (var p in programs)
                {
                    if (random.Next(10) == 0) continue; // some posts are skipped: stale data
                    sp.Value = p.Id.ToString();
                    st.Value = TypeHandlers.ToDbText(first.AddDays(day).AddHours(post * 8 + random.Next(8)));
                    cs.Value = (long)(await snapshot.ExecuteScalarAsync())!;
                    var slots = p.Kind.Item1 == "rapid_rehousing";
                    cb.Value = slots ? 0 : random.Next(6); cl.Value = slots ? random.Next(4) : 0;
                    cb2.Value = slots ? 0 : random.Next(6); cl2.Value = slots ? random.Next(4) : 0;
                    await count.ExecuteNonQueryAsync();
                }
            }
        }

        var statuses = new[] { "accepted", "placed", "declined", "expired", "cancelled", "pending" };
        var reasons = new[] { "no_capacity", "not_eligible", "safety_concern", "client_chose_other_option" };
        var referrals = new List<object>();
        var steps = new List<object>();
        for (var day = 0; day < Days; day++)
        {
            for (var n = 0; n < ReferralsPerDay; n++)
            {
                var id = Guid.CreateVersion7();
                var at = first.AddDays(day).AddMinutes(random.Next(24 * 60));
                var program = programs[random.Next(Programs)];
                var status = statuses[random.Next(statuses.Length)];
                var answered = status is "accepted" or "placed" or "declined" ? at.AddMinutes(random.Next(5, 180)) : (DateTimeOffset?)null;
                referrals.Add(new { Id = id, Agency = program.Org, Status = status == "pending" ? "pending" : status, At = at });
                steps.Add(new
                {
                    Id = id,
                    Program = program.Id,
                    Status = status,
                    At = at,
                    Answered = answered,
                    DeclinedBy = status == "declined" ? 2 + random.Next(2) : (int?)null,
                    Reason = status == "declined" ? reasons[random.Next(reasons.Length)] : null,
                });
            }
        }
        await db.ExecuteAsync("""
            INSERT INTO referrals (id, agency_id, created_by, client_reference, household_json, household_type, household_size, status, current_position, created_at, updated_at)
            VALUES (@Id, @Agency, 'bench', 'BENCH', '{}', 1, 1, @Status, 0, @At, @At);
            """, referrals, tx);
        await db.ExecuteAsync("""
            INSERT INTO referral_steps (referral_id, position, program_id, status, offered_at, answered_at, decided_at, declined_by, reason_code)
            VALUES (@Id, 0, @Program, @Status, @At, @Answered, @Answered, @DeclinedBy, @Reason);
            INSERT INTO holds (referral_id, position, program_id, household_type, count, created_by, created_at, released_at)
            VALUES (@Id, 0, @Program, 1, 1, 'bench', @At, CASE WHEN @Status IN ('declined', 'expired', 'cancelled') THEN @Answered END);
            """, steps, tx);

        var reasonsExcluded = new[] { "full", "household_type", "gender", "unsafe_region", "never_posted" };
        await db.ExecuteAsync("""
            INSERT INTO match_searches (searched_at, household_type, adults, children, children_under_5, boys_over_12, kinds, considered, matched, top_reason, excluded_json)
            VALUES (@At, @Type, @Adults, @Children, 0, 0, 'emergency', 1000, @Matched, @Reason, '{}');
            """, Enumerable.Range(0, Days * SearchesPerDay).Select(i => new
        {
            At = first.AddDays(i / SearchesPerDay).AddSeconds(random.Next(86400)),
            Type = random.Next(2) == 0 ? 1 : 3,
            Adults = 1 + random.Next(2),
            Children = random.Next(4),
            Matched = random.Next(10) == 0 ? random.Next(5) : 0,
            Reason = reasonsExcluded[random.Next(reasonsExcluded.Length)],
        }), tx);
        await tx.CommitAsync();
    }
}
