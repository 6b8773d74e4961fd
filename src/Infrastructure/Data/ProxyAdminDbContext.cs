using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Encryption;
using ProxyAdmin.Domain.Idempotency;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The one model of ProxyAdmin's tables. Each provider has a subclass only so that each keeps its own
/// migration set (<see cref="SqliteProxyAdminDbContext"/>, <see cref="SqlServerProxyAdminDbContext"/>).
/// </summary>
public abstract class ProxyAdminDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<VirtualKey> VirtualKeys => Set<VirtualKey>();
    public DbSet<AuditEntry> AuditLogs => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<ObjectPermission> ObjectPermissions => Set<ObjectPermission>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ModelDeployment> ModelDeployments => Set<ModelDeployment>();
    public DbSet<Credential> Credentials => Set<Credential>();
    public DbSet<EncryptionRotation> EncryptionRotations => Set<EncryptionRotation>();
    public DbSet<DatabaseRevision> Revisions => Set<DatabaseRevision>();
    public DbSet<RowCount> RowCounts => Set<RowCount>();
    public DbSet<TeamProjectCount> TeamProjectCounts => Set<TeamProjectCount>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProxyAdminDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; SQLite returns unspecified kinds unless told.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TeamRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OrganizationRole>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<EncryptionRotationState>().HaveConversion<string>().HaveMaxLength(16);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = DetectChangesOnce();
        try
        {
            BumpVersionsOfModifiedAggregates();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = DetectChangesOnce();
        try
        {
            BumpVersionsOfModifiedAggregates();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// One scan of the tracked entities per save: listing the aggregates to bump would scan them, and the save would scan
    /// them again (a write's save holds the write lock). The versions are bumped through the entry API, which tells the
    /// change tracker itself. Returns whether automatic detection was on, to be restored after the save.
    /// </summary>
    private bool DetectChangesOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        return detecting;
    }

    /// <summary>
    /// The UPDATE carries "WHERE Version = loaded version" and sets the next one, so a row changed by
    /// someone else since it was read makes the save fail instead of overwriting that change.
    /// </summary>
    private void BumpVersionsOfModifiedAggregates()
    {
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(a => a.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
