namespace Compiled.PostgreSql.Tests;

/// <summary>A login of a user at a time.</summary>
public sealed record Login(string User, long Time);

/// <summary>A row of the users table.</summary>
public sealed record Account(string Id, string Country);

/// <summary>A login with its user's country, or null when the user is not in the table.</summary>
public sealed record LoginCountry(string User, long Time, string? Country);

/// <summary>Logins enriched from a static users table, left outer: the stream-static join the tests read from PostgreSQL.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class LoginCountries
{
    private static IStream<LoginCountry> Define(IStream<Login> logins, StaticTable<Account> users) => logins
        .Join(users, l => l.User, u => u.Id, (l, u) => new LoginCountry(l.User, l.Time, u == null ? null : u.Country), JoinType.LeftOuter);
}
