using System.Data;
using System.Globalization;
using Dapper;

namespace Housing.Api.Data;

/// <summary>
/// How rows map to members, process-wide in Dapper, so registered once. SQLite has no uuid,
/// timestamp or date types: we store them as sortable text, and so on PostgreSQL too, so that
/// these handlers serve both.
/// </summary>
public static class TypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        // Dapper maps these types itself unless their built-in mapping is removed first. Left to
        // Dapper, a DateOnly goes as a date: SQLite happens to store that as our text, but
        // PostgreSQL will not compare it with a text column.
        foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(typeof(Guid), new GuidHandler());
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(typeof(DateOnly), new DateOnlyHandler());
        // Columns are snake_case, members PascalCase: program_id fills ProgramId, so a query
        // names its columns as the schema does instead of aliasing each one.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>Dapper expands <c>IN @ids</c> without consulting type handlers, so ids go in as text.</summary>
    public static IReadOnlyList<string> AsText(IEnumerable<Guid> ids) => ids.Select(i => i.ToString("D")).ToList();

    /// <summary>UTC with a fixed width, so text order is time order.</summary>
    public static string ToDbText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores <typeparamref name="T"/> as text. A plain <see cref="SqlMapper.ITypeHandler"/> rather
    /// than <see cref="SqlMapper.TypeHandler{T}"/>, because only this way is a null handed to the
    /// handler too, and typed as text: an untyped null in <c>@after IS NULL OR id > @after</c> is
    /// fine for SQLite, but PostgreSQL cannot tell its type and refuses the statement.
    /// </summary>
    private abstract class TextHandler<T> : SqlMapper.ITypeHandler where T : struct
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is T typed ? ToText(typed) : DBNull.Value;
        }

        public object Parse(Type destinationType, object value) => Parse(value);

        protected abstract string ToText(T value);

        protected abstract T Parse(object value);
    }

    private sealed class GuidHandler : TextHandler<Guid>
    {
        protected override string ToText(Guid value) => value.ToString("D");

        protected override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : TextHandler<DateTimeOffset>
    {
        protected override string ToText(DateTimeOffset value) => ToDbText(value);

        protected override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
        };
    }

    private sealed class DateOnlyHandler : TextHandler<DateOnly>
    {
        protected override string ToText(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        protected override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a DateOnly from {value.GetType().Name}."),
        };
    }
}
