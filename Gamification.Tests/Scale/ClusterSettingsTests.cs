using Gamification.Web.Hosting;
using Gamification.Web.Jobs;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Gamification.Tests.Scale;

/// <summary>The settings of several instances: Jobs:Store and DataProtection:Store.</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData(null, JobStoreKind.Memory)]
    [InlineData("", JobStoreKind.Memory)]
    [InlineData("memory", JobStoreKind.Memory)]
    [InlineData(" postgresql ", JobStoreKind.PostgreSql)]
    [InlineData("PostgreSql", JobStoreKind.PostgreSql)]
    [InlineData("SQLSERVER", JobStoreKind.SqlServer)]
    public void Jobs_store_is_read_in_any_case(string? setting, JobStoreKind expected) =>
        Assert.Equal(expected, new JobsOptions { Store = setting! }.StoreKind);

    [Fact]
    public void An_unknown_jobs_store_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JobsOptions { Store = "Redis" }.StoreKind);

        Assert.Equal("Jobs:Store is 'Redis'; use Memory, PostgreSql or SqlServer.", error.Message);
    }

    [Fact]
    public void The_sql_server_store_registers_the_clustered_scheduler_and_its_tables_on_the_app_database_without_connecting()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = "Server=db.invalid;Database=Gamification;User Id=app;Password=x",
            ["Jobs:Store"] = "SqlServer",
        }).Build();

        services.AddGamificationJobs(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ClusteredQuartzHostedService));
        Assert.Contains(services, d => d.ServiceType == typeof(QuartzSchema));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Quartz.QuartzHostedService));
    }

    [Fact]
    public void A_persistent_jobs_store_without_a_connection_string_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Store"] = "PostgreSql" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGamificationJobs(configuration));

        Assert.Equal("Jobs:Store is PostgreSql but neither Jobs:ConnectionString nor Database:ConnectionString is set.", error.Message);
    }

    [Theory]
    // Unset: the database with a server provider, unless a keys folder is set; the folder with SQLite.
    [InlineData(null, "PostgreSql", null, true)]
    [InlineData(null, "SqlServer", null, true)]
    [InlineData(null, "PostgreSql", "/shared/keys", false)]
    [InlineData(null, "Sqlite", null, false)]
    [InlineData("", "Sqlite", null, false)]
    // Said: as said, whatever the provider.
    [InlineData("Database", "Sqlite", null, true)]
    [InlineData(" database ", "PostgreSql", "/shared/keys", true)]
    [InlineData("Folder", "PostgreSql", null, false)]
    [InlineData("folder", "Sqlite", null, false)]
    public void Data_protection_keys_go_to_the_database_or_a_folder(string? store, string provider, string? keysDirectory, bool inDatabase) =>
        Assert.Equal(inDatabase, GamificationHosting.KeysInDatabase(store, new Core.Data.DatabaseOptions { Provider = provider }, keysDirectory));

    [Fact]
    public void An_unknown_data_protection_store_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GamificationHosting.KeysInDatabase("Redis", new Core.Data.DatabaseOptions(), null));

        Assert.Equal("DataProtection:Store is 'Redis'; use Database or Folder.", error.Message);
    }
}
