using Npgsql;

namespace NanoClaw.Configuration;

/// <summary>
/// <c>NanoClaw:Store</c> problems by key. A connection string's text is never repeated in a message:
/// it may hold a password.
/// </summary>
internal static class StoreOptionsCheck
{
    public static IEnumerable<string> Check(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = store.ConnectionString;
        if (store.Provider == StoreProvider.Sqlite)
        {
            if (!string.IsNullOrWhiteSpace(text))
                yield return "NanoClaw:Store:ConnectionString: is only for Provider 'postgres'; "
                    + "the SQLite store is always <DataDirectory>/nanoclaw.db";
            yield break;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            yield return "NanoClaw:Store:ConnectionString: required with Provider 'postgres' "
                + "(Npgsql format, e.g. Host=db;Database=nanoclaw;Username=nanoclaw)";
            yield break;
        }
        var problem = ConnectionStringProblem(text);
        if (problem is not null)
            yield return $"NanoClaw:Store:ConnectionString: {problem}";
    }

    private static string? ConnectionStringProblem(string text)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the offending keyword, never the value.
            return $"is not an Npgsql connection string ({e.Message})";
        }
        if (string.IsNullOrWhiteSpace(parsed.Host))
            return "names no Host";
        if (string.IsNullOrWhiteSpace(parsed.Database))
            return "names no Database (NanoClaw never writes to the server's default database)";
        return null;
    }
}
