using NanoClaw.Configuration;

namespace NanoClaw.Tests.Configuration;

public sealed class StoreOptionsSpec
{
    [Fact]
    public void The_default_is_sqlite_without_a_connection_string()
    {
        Assert.Empty(StoreOptionsCheck.Check(new NanoClawOptions().Store));
        Assert.Equal(StoreProvider.Sqlite, new NanoClawOptions().Store.Provider);
    }

    [Theory]
    [InlineData(
        StoreProvider.Postgres,
        null,
        "NanoClaw:Store:ConnectionString: required with Provider 'postgres'"
    )]
    [InlineData(
        StoreProvider.Postgres,
        "Database=nanoclaw;Password=hunter2secret",
        "NanoClaw:Store:ConnectionString: names no Host"
    )]
    [InlineData(
        StoreProvider.Postgres,
        "Host=db;Password=hunter2secret",
        "NanoClaw:Store:ConnectionString: names no Database"
    )]
    [InlineData(
        StoreProvider.Postgres,
        "Host=db;Database=x;Pasword=hunter2secret",
        "NanoClaw:Store:ConnectionString: is not an Npgsql connection string"
    )]
    [InlineData(
        StoreProvider.Sqlite,
        "Host=db;Database=x;Password=hunter2secret",
        "NanoClaw:Store:ConnectionString: is only for Provider 'postgres'"
    )]
    public void A_bad_store_setting_is_named_and_its_password_never_repeated(
        StoreProvider provider,
        string? connectionString,
        string expected
    )
    {
        var problems = StoreOptionsCheck
            .Check(new StoreOptions { Provider = provider, ConnectionString = connectionString })
            .ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_postgres_setting_passes()
    {
        Assert.Empty(
            StoreOptionsCheck.Check(
                new StoreOptions
                {
                    Provider = StoreProvider.Postgres,
                    ConnectionString = "Host=db;Database=nanoclaw;Username=nanoclaw",
                }
            )
        );
    }
}
