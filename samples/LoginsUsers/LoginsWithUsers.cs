using Compiled;

namespace LoginsUsers;

/// <summary>A login: <c>{"UserId":"…","Time":"2019-02-05T10:00:00Z","Ip":"…"}</c>.</summary>
public sealed record Login(string UserId, DateTime Time, string Ip);

/// <summary>A row of the users table.</summary>
public sealed record User(string Id, string Name, string Country);

/// <summary>A login with its user's name and country, or nulls for a user the table does not know.</summary>
public sealed record LoginUser(string UserId, DateTime Time, string? Name, string? Country);

/// <summary>
/// The seed's stream-static join: each login enriched from the users table (in SQLite), left outer so a login of an
/// unknown user is kept with null name and country.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class LoginsWithUsers
{
    private static IStream<LoginUser> Define(IStream<Login> logins, StaticTable<User> users) => logins
        .Join(users, l => l.UserId, u => u.Id,
            (l, u) => new LoginUser(l.UserId, l.Time, u == null ? null : u.Name, u == null ? null : u.Country),
            JoinType.LeftOuter);
}
