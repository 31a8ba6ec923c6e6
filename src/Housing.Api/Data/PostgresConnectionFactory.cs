using System.Data.Common;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Housing.Api.Data;

/// <summary>
/// Opens pooled PostgreSQL connections from one <see cref="NpgsqlDataSource"/>. Opening is the
/// moment a remote database fails (a restart, a failover to a standby, a dropped network), so it
/// is retried with backoff on transient errors, each attempt within a timeout; a wrong password
/// or a missing database fails at once. The connection string is never logged (it may hold a
/// password): <see cref="Describe"/> names the server and database only.
/// </summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _open;

    public PostgresConnectionFactory(string connectionString, DatabaseOptions options, ILoggerFactory logs)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // Not the string itself: it may hold a password.
            throw new InvalidOperationException($"ConnectionStrings:Housing is not a PostgreSQL connection string: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidOperationException(
                "Database:Provider is postgres, so ConnectionStrings:Housing must name a server: Host=...;Database=...;Username=...;Password=...");
        builder.CommandTimeout = options.CommandTimeoutSeconds;
        // Npgsql's own connect timeout, which it honours while it connects and starts up; Polly's
        // timeout below is the backstop for anything it does not cover.
        builder.Timeout = options.OpenTimeoutSeconds;
        // Dapper never prepares statements; Npgsql can prepare the ones it sees often by itself,
        // which saves the server parsing and planning each of a referral's dozen statements
        // every time (about half again as many holds a second here). Unless the string says otherwise.
        if (!Mentions(connectionString, "maxautoprepare")) builder.MaxAutoPrepare = 64;
        // Npgsql's default pool (100) times a few instances is more than the server's default
        // max_connections (100), and past a few connections per core the server only queues them.
        if (!Mentions(connectionString, "maximumpoolsize") && !Mentions(connectionString, "maxpoolsize")) builder.MaxPoolSize = DefaultMaxPoolSize;
        Describe = Description(builder);
        (MaxPoolSize, MaxAutoPrepare) = (builder.MaxPoolSize, builder.MaxAutoPrepare);
        // Npgsql logs into the app's logs; it never logs the password, nor parameter values unless asked. Its metrics
        // and traces name the pool by this name rather than by the connection string (server, database and user).
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "housing" }.UseLoggerFactory(logs).Build();
        var logger = logs.CreateLogger<PostgresConnectionFactory>();

        // The wall clock, not the app's TimeProvider: a test's frozen clock must not stall a reconnect.
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System };
        if (options.OpenRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.OpenRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient).Handle<TimeoutRejectedException>(),
                OnRetry = args =>
                {
                    var e = args.Outcome.Exception;
                    logger.LogWarning("Opening a connection to {Database} failed ({Error}); retry {Attempt} of {Retries} in {DelayMs} ms",
                        Describe, e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e?.Message, args.AttemptNumber + 1,
                        options.OpenRetries, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        _open = pipeline.AddTimeout(TimeSpan.FromSeconds(options.OpenTimeoutSeconds + 2)).Build();
    }

    /// <summary>Connections each instance keeps at most, unless the connection string says (<c>Maximum Pool Size</c>).</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Server, port, database and schema: safe to log.</summary>
    public string Describe { get; }

    public DatabaseEngine Engine => DatabaseEngine.Postgres;

    internal int MaxPoolSize { get; }

    internal int MaxAutoPrepare { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _open.ExecuteAsync(static async (source, ct) => (DbConnection)await source.OpenConnectionAsync(ct), _dataSource, cancellationToken);

    /// <summary>No queue here: writers take row locks on what they change, and the server orders them.</summary>
    public Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken) =>
        WriteTransaction.BeginOwnAsync(OpenAsync, cancellationToken);

    /// <summary>
    /// Worth another attempt: what Npgsql itself calls transient (network and I/O errors, too many
    /// connections, the server not accepting connections yet), and a server shutting down or
    /// crashing (57P01, 57P02), or any connection exception (class 08), as during a failover.
    /// </summary>
    public static bool IsTransient(NpgsqlException e) =>
        e.IsTransient
        || e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow }
        || e is PostgresException p && p.SqlState.StartsWith("08", StringComparison.Ordinal);

    private static bool Mentions(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));

    private static string Description(NpgsqlConnectionStringBuilder b) =>
        $"postgres://{b.Host}:{b.Port}/{b.Database}" + (string.IsNullOrEmpty(b.SearchPath) ? "" : $" (schema {b.SearchPath})");

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
