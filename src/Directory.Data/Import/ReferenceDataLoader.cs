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
        await LinkHealthGeographyAsync(referenceFolder, cancellationToken);
        return inserted.Count;
    }

    /// <summary>
    /// Brings the health geography in line with the reference lists: which councils each CCG covered
    /// (<c>ccg_to_lad_2020.csv</c>), each CCG's NHS England region (<c>ccg_nhs_region_2020.csv</c>) and the ICB that
    /// took its area over (<c>ccg_to_icb_2022.csv</c>), which also becomes the successor of every CCG that was not
    /// merged into another in 2020 (a merged CCG keeps its 2020 CCG as successor, whose successor is the ICB).
    /// Idempotent; rows naming an organisation the directory lacks are skipped. Run again after a survey import,
    /// which sets successors from <c>merged_into</c> alone.
    /// </summary>
    public async Task LinkHealthGeographyAsync(string referenceFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceFolder);
        db.ChangeTracker.Clear();
        var ids = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, cancellationToken);
        int? Id(string code) => ids.TryGetValue(code, out var id) ? id : null;

        var links = new Dictionary<int, CcgHealthLink>();
        CcgHealthLink LinkOf(int ccgId) => links.TryGetValue(ccgId, out var link) ? link : links[ccgId] = new CcgHealthLink { CcgId = ccgId };
        foreach (var row in Read(referenceFolder, "ccg_nhs_region_2020.csv", ["ccg_code", "region", "nhser20_code"]))
        {
            if (Id(row["ccg_code"]) is { } ccg)
            {
                LinkOf(ccg).NhsRegion = NullIfEmpty(row["region"]);
            }
        }
        foreach (var row in Read(referenceFolder, "ccg_to_icb_2022.csv", ["ccg_code", "icb_code"]))
        {
            if (Id(row["ccg_code"]) is { } ccg && Id(row["icb_code"]) is { } icb)
            {
                LinkOf(ccg).IntegratedCareBoardId = icb;
            }
        }

        var coverage = new List<CcgCoverage>();
        foreach (var row in Read(referenceFolder, "ccg_to_lad_2020.csv", ["ccg_code", "lad_code", "lsoa_count", "ccg_lsoa_share"]))
        {
            if (Id(row["ccg_code"]) is { } ccg && Id(row["lad_code"]) is { } council)
            {
                coverage.Add(new CcgCoverage
                {
                    CcgId = ccg,
                    CouncilId = council,
                    LsoaCount = int.Parse(row["lsoa_count"], NumberStyles.None, CultureInfo.InvariantCulture),
                    Share = decimal.Parse(row["ccg_lsoa_share"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                });
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CcgCoverage.ExecuteDeleteAsync(cancellationToken);
        await db.CcgHealthLinks.ExecuteDeleteAsync(cancellationToken);
        db.CcgCoverage.AddRange(coverage);
        db.CcgHealthLinks.AddRange(links.Values);
        var icbOf = links.Values.Where(l => l.IntegratedCareBoardId is not null).ToDictionary(l => l.CcgId, l => l.IntegratedCareBoardId);
        var orphans = await db.Organisations.Where(o => o.Type == OrganisationType.CCG && o.SuccessorId == null).ToListAsync(cancellationToken);
        foreach (var ccg in orphans)
        {
            ccg.SuccessorId = icbOf.GetValueOrDefault(ccg.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// One column of a reference list by another (e.g. a council's short name by its code); empty when the list is
    /// not in the folder, so callers without the bundled data simply lack the extra names.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadColumn(string folder, string fileName, string[] columns, string key, string value) =>
        File.Exists(Path.Combine(folder, fileName))
            ? Read(folder, fileName, columns).ToDictionary(row => row[key], row => row[value], StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

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
