using System.Data.Common;

namespace Housing.Api.Data;

/// <summary>Opens a new connection per unit of work; pooling keeps that cheap.</summary>
public interface IDbConnectionFactory
{
    DatabaseEngine Engine { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
