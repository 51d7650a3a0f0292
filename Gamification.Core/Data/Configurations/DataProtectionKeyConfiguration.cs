using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Gamification.Core.Data.Configurations;

/// <summary>
/// ASP.NET Core's data-protection keys (one XML document each), when DataProtection:Store is Database. Not
/// tenant-owned: one key ring protects every tenant's cookies and tokens, as the key folder does.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_key");
    }
}
