using System.Reflection;

using Xunit.Sdk;

namespace Gamification.Tests.Support;

/// <summary>The database a provider-parameterised test runs on.</summary>
public enum TestDatabase
{
    /// <summary>The embedded default: a temporary SQLite file.</summary>
    Sqlite,

    /// <summary>A fresh database on the PostgreSQL server that scripts/services.sh starts (<see cref="PostgreSqlTestDatabase"/>).</summary>
    PostgreSql,
}

/// <summary>
/// Runs a theory once on each database the engine is tested on: SQLite and PostgreSQL. The PostgreSQL case fails
/// (never skips) when the test server is not there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EachDatabaseAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestDatabase.Sqlite], [TestDatabase.PostgreSql]];
}
