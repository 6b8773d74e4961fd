using Microsoft.Data.Sqlite;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Notices the SQLite file being deleted, moved or replaced under the running service. The connections this process
/// keeps open (<see cref="SqliteWriteSession"/>, <see cref="SqliteReadSessions"/>) hold the file they opened: without
/// this check, writes after a <c>rm</c> or <c>mv</c> were acknowledged into an unlinked file and lost at the next start.
/// Writes (<see cref="UnitOfWork"/>) and readiness (<see cref="DatabaseProbe"/>) ask it first; it answers from one
/// <c>stat</c> of the path and, on Linux, one <c>readlink</c> of a descriptor this process holds on the file, which the
/// kernel marks <c>(deleted)</c> once that file is no longer the one at the path.
/// </summary>
internal sealed class SqliteDatabaseFile
{
    private const string Unlinked = " (deleted)";
    private const string Descriptors = "/proc/self/fd";

    private readonly string? _path;
    private string? _witness;

    public SqliteDatabaseFile(DatabaseSettings settings)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
        _path = inMemory ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Why the file at the configured path is no longer the one this process uses; null while it is.</summary>
    public string? Problem()
    {
        if (_path is null)
        {
            return null;
        }

        if (!File.Exists(_path))
        {
            return $"The SQLite database file {_path} was deleted or moved while the service ran.";
        }

        return OperatingSystem.IsLinux() && IsHeldOpenUnlinked()
            ? $"The SQLite database file {_path} was replaced while the service ran."
            : null;
    }

    /// <summary>Refuses a write into a file that is no longer the database (503): it would be lost at the next start.</summary>
    public void EnsureWritable()
    {
        if (Problem() is { } problem)
        {
            throw new ServiceBusyException(problem + " Nothing was written: restore the file and restart the service.");
        }
    }

    /// <summary>Whether a descriptor of this process points at a file that was at the path and is unlinked now.</summary>
    private bool IsHeldOpenUnlinked()
    {
        // The descriptor found last time answers in one readlink while it still points at the database.
        if (_witness is { } witness && Target(witness) is { } known && (known == _path || known == _path + Unlinked))
        {
            return known != _path;
        }

        _witness = null;
        foreach (var descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
        {
            if (Target(descriptor) is not { } target)
            {
                continue;
            }

            if (target == _path)
            {
                _witness = descriptor;
            }
            else if (target == _path + Unlinked)
            {
                _witness = descriptor;
                return true;
            }
        }

        return false;
    }

    private static string? Target(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
