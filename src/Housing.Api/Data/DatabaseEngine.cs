namespace Housing.Api.Data;

/// <summary>The storage engines: SQLite embedded (one instance per file), PostgreSQL for several instances.</summary>
public enum DatabaseEngine { Sqlite, Postgres }
