using System.Globalization;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Import;

/// <summary>
/// Loads the public reference lists (data/reference) as organisations the directory knows of without a survey
/// return: every Integrated Care Board (ICBs replaced CCGs in 2022; none is in the 2020 survey) and any council,
/// police force area or CCG that the survey folder lacks. Reference rows are added, never updated: the survey import
/// owns the organisations it lists, and an organisation added here is not in scope of the survey.
/// </summary>
public sealed class ReferenceDataLoader(DirectoryDbContext db)
{
    /// <summary>Inserts the organisations of the reference lists that are missing; returns how many were inserted.</summary>
    public async Task<int> LoadAsync(string referenceFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceFolder);
        db.ChangeTracker.Clear();
        var known = await db.Organisations.AsNoTracking().Select(o => o.Code).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var inserted = new List<Organisation>();

        void Add(Organisation organisation)
        {
            if (known.Add(organisation.Code))
            {
                db.Organisations.Add(organisation);
                inserted.Add(organisation);
            }
        }

        foreach (var row in Read(referenceFolder, "police_force_areas.csv", ["code", "name", "nation"]))
        {
            Add(new Organisation { Code = row["code"], Name = row["name"], Type = OrganisationType.PCC });
        }

        foreach (var row in Read(referenceFolder, "local_authorities_england_2020.csv",
            ["gss_code", "name", "short_name", "tier", "region", "county_gss_code", "police_force_area_code", "population_2020", "area_km2", "latitude", "longitude"]))
        {
            Add(new Organisation
            {
                Code = row["gss_code"],
                Name = row["name"],
                Type = OrganisationType.LOCAL_AUTHORITY,
                CouncilTier = Enum.TryParse<CouncilTier>(row["tier"], out var tier) ? tier : null,
                Region = NullIfEmpty(row["region"]),
                Population = int.TryParse(row["population_2020"], NumberStyles.None, CultureInfo.InvariantCulture, out var population) ? population : null,
            });
        }

        foreach (var row in Read(referenceFolder, "ccgs_england_2020.csv", ["code", "ods_code", "name"]))
        {
            Add(new Organisation { Code = row["code"], Name = row["name"], Type = OrganisationType.CCG });
        }

        foreach (var row in Read(referenceFolder, "icbs_england.csv", ["code", "name"]))
        {
            Add(new Organisation { Code = row["code"], Name = row["name"], Type = OrganisationType.ICB });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return inserted.Count;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static IEnumerable<Dictionary<string, string>> Read(string folder, string fileName, string[] columns)
    {
        var problems = new ProblemList(100);
        using var table = CsvTable.Open(folder, fileName, columns, problems);
        if (table is null)
        {
            throw new InvalidDataException($"Reference list {fileName} is unreadable: {string.Join("; ", problems.Listed)}");
        }

        while (table.Read())
        {
            yield return columns.ToDictionary(c => c, c => table[c] ?? "", StringComparer.Ordinal);
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Reference list {fileName} is malformed: {string.Join("; ", problems.Listed)}");
        }
    }
}
