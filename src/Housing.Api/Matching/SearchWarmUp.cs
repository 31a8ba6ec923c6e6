using Housing.Api.Http;
using Housing.Api.Operations;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Matching;

/// <summary>
/// As the service starts serving, builds today's index and runs one search nobody asked for (a
/// mother with a baby, with an unsafe place and region, its reasons and its JSON), so that the first case manager's
/// search does not pay for building the index and compiling the engine: at 10,000 programs that
/// was most of a second. Nothing is recorded. A search that arrives meanwhile waits for the same
/// index build, so it is never slower than without the warm-up. <c>Matching:WarmUp</c> (on).
/// </summary>
public sealed class SearchWarmUp(
    MatchIndexCache indexes, TimeProvider clock, IOptions<MatchingOptions> options, IHostApplicationLifetime lifetime, ILogger<SearchWarmUp> logger)
    : BackgroundService
{
    /// <summary>Whether the warm-up has finished (or was not wanted); for the tests and the logs.</summary>
    public Task Done => _done.Task;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static readonly MatchQuery Query = new(
        new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman]), new HouseholdMember(MemberRole.Child, 1, [Gender.Man])],
            Languages: ["en", "es"], Trafficking: TraffickingExperience.Sex, HomelessCategory: 1),
        new Wants(Services: [ProgramService.CaseManagement]),
        new Safety([new UnsafePlace(0, 0, 1)], ["(warm-up)"]));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.WarmUp) return;
            // After the host has started, so it never holds up start or the first ready answer.
            await lifetime.WhenStartedAsync(stoppingToken);
            await Task.Run(() =>
            {
                var started = clock.GetTimestamp();
                var now = clock.GetUtcNow();
                var index = indexes.Get(DateOnly.FromDateTime(now.UtcDateTime));
                var outcome = MatchEngine.Run(index, Query with { ArriveAt = now }, now, options.Value.Weights, options.Value.DefaultLimit, explain: false);
                HousingJson.Serialize(outcome);
                logger.LogInformation("Warmed up the search: {Programs} programs indexed in {ElapsedMs:0} ms",
                    index.Entries.Length, clock.GetElapsedTime(started).TotalMilliseconds);
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A warm-up that fails leaves the work to the first search, as before: never a reason to stop.
            logger.LogWarning(e, "The search warm-up failed; the first search will build the index");
        }
        finally
        {
            _done.TrySetResult();
        }
    }
}
