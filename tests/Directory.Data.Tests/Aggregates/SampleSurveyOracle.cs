using System.Globalization;
using CsvHelper;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// An independent in-memory implementation of the mapping report over the sample's CSV files (plain LINQ over
/// dictionaries, no EF, no database), following the definitions of issue 5 literally. The tests compare the SQL
/// aggregates with it; its own headline numbers are pinned in <see cref="MappingReportQueriesTests"/> against values
/// derived once with a separate python script.
/// </summary>
public sealed class SampleSurveyOracle
{
    public static readonly string[] ReportTypes = ["LOCAL_AUTHORITY", "PCC", "CCG"];

    private readonly List<Dictionary<string, string>> _organisations;
    private readonly List<Dictionary<string, string>> _responses;
    private readonly List<Dictionary<string, string>> _contacts;
    private readonly List<Dictionary<string, string>> _staff;
    private readonly List<Dictionary<string, string>> _services;
    private readonly Dictionary<string, Dictionary<string, string>> _organisationsByCode;
    private readonly Dictionary<string, Dictionary<string, string>> _responsesById;

    public SampleSurveyOracle(string folder)
    {
        _organisations = Read(folder, "organisations.csv");
        _responses = Read(folder, "responses.csv");
        _contacts = Read(folder, "contacts.csv");
        _staff = Read(folder, "staff.csv");
        _services = Read(folder, "services.csv");
        ServiceTypes = Read(folder, "service_types.csv");
        _organisationsByCode = _organisations.ToDictionary(o => o["code"]);
        _responsesById = _responses.ToDictionary(r => r["response_id"]);
    }

    public List<Dictionary<string, string>> ServiceTypes { get; }

    private static List<Dictionary<string, string>> Read(string folder, string file)
    {
        using var reader = new StreamReader(Path.Combine(folder, file));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? "", StringComparer.Ordinal));
        }

        return rows;
    }

    private static decimal Percent(int count, int of) => of == 0 ? 0m : count * 100m / of;

    private static decimal Fte(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    public IEnumerable<Dictionary<string, string>> Population(string? region, string? type) => _organisations.Where(o =>
        o["in_scope"] == "true"
        && (type is null ? ReportTypes.Contains(o["org_type"]) : o["org_type"] == type)
        && (region is null || o["region"] == region));

    public string Status(string code) =>
        _responses.Any(r => r["org_code"] == code) ? "COMPLETED"
        : _contacts.Any(c => c["org_code"] == code && c["role"] == "ADDITIONAL_CONTACT") ? "ADDITIONAL_CONTACT"
        : "NOT_RECEIVED";

    private List<Dictionary<string, string>> Responses(string? region, string? type)
    {
        var codes = Population(region, type).Select(o => o["code"]).ToHashSet();
        return _responses.Where(r => codes.Contains(r["org_code"])).ToList();
    }

    public int ResponseCount(string? region, string? type) => Responses(region, type).Count;

    private List<Dictionary<string, string>> Commissioners(string? region, string? type)
    {
        var ids = Responses(region, type).Select(r => r["response_id"]).ToHashSet();
        return _contacts.Where(c => c["role"] == "COMMISSIONER" && ids.Contains(c["response_id"])).ToList();
    }

    private static string Category(Dictionary<string, string> contact) =>
        contact["department_category"] is { Length: > 0 } category ? category : "NOT_LISTED";

    public (List<(string Type, int Completed, int Additional, int NotReceived, int Total)> Rows, int OutOfScope, int Responses) Coverage(string? region)
    {
        var rows = ReportTypes.Select(type =>
        {
            var statuses = Population(region, type).Select(o => Status(o["code"])).ToList();
            return (type, statuses.Count(s => s == "COMPLETED"), statuses.Count(s => s == "ADDITIONAL_CONTACT"),
                statuses.Count(s => s == "NOT_RECEIVED"), statuses.Count);
        }).ToList();
        var outOfScope = _responses.Count(r =>
            _organisationsByCode[r["org_code"]]["in_scope"] != "true" && (region is null || _organisationsByCode[r["org_code"]]["region"] == region));
        return (rows, outOfScope, Responses(region, type: null).Count);
    }

    public List<(string Category, int Count, decimal Percent)> Departments(string? region, string? type)
    {
        var commissioners = Commissioners(region, type);
        return commissioners.GroupBy(Category)
            .Select(g => (g.Key, g.Count(), Percent(g.Count(), commissioners.Count)))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    private static (int Answered, List<(string Option, int Count, decimal Percent)> Rows) Breakdown(IReadOnlyCollection<string[]> answers)
    {
        var answered = answers.Count(a => a.Length > 0);
        var rows = answers.SelectMany(a => a).GroupBy(a => a)
            .Select(g => (g.Key, g.Count(), Percent(g.Count(), answered)))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return (answered, rows);
    }

    private static string[] Split(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public (int Answered, List<(string Option, int Count, decimal Percent)> Rows) Question(string question, string? region, string? type) => question switch
    {
        "activities" => Breakdown(Responses(region, type).Select(r => Split(r["activities"])).ToList()),
        "leadStatus" => Breakdown(Responses(region, type).Select(r => Split(r["lead_status"])).ToList()),
        "focus" => Breakdown(Responses(region, type).Select(r => Split(r["focus"])).ToList()),
        "jointCommissioningGroup" => Breakdown(Responses(region, type).Select(r => Split(r["joint_commissioning_group"])).ToList()),
        "seniority" => Breakdown(Commissioners(region, type).Select(c => Split(c["seniority"])).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(question)),
    };

    public sealed record StaffingFigures(
        List<(string? Responsibility, int Staff, decimal Fte, decimal EstimatedFte)> Rows,
        int Reporting,
        int Unknown,
        List<(int Size, int Organisations, decimal Percent)> TeamSizes);

    public StaffingFigures Staffing(string? region, string? type)
    {
        var ids = Responses(region, type).Select(r => r["response_id"]).ToHashSet();
        var lines = _staff.Where(s => ids.Contains(s["response_id"])).ToList();
        var perOrganisation = lines.GroupBy(s => _responsesById[s["response_id"]]["org_code"]).ToList();
        var reporting = perOrganisation.Count;
        var unknown = Population(region, type).Count(o => Status(o["code"]) == "NOT_RECEIVED" && o["la_tier"] != "DISTRICT");
        decimal Estimate(decimal fte) => reporting == 0 ? 0m : fte * (reporting + unknown) / reporting;
        string[] responsibilities = ["COMMISSIONING_ONLY", "COMMISSIONING_AND_DA", "DA_ACTIVITIES", "ADMINISTRATION", "COORDINATOR"];
        var rows = responsibilities.Select(r =>
        {
            var of = lines.Where(s => s["responsibility"] == r).ToList();
            var fte = of.Sum(s => Fte(s["fte"]));
            return ((string?)r, of.Count, fte, Estimate(fte));
        }).ToList();
        var total = lines.Sum(s => Fte(s["fte"]));
        rows.Add((null, lines.Count, total, Estimate(total)));
        var sizes = perOrganisation.GroupBy(g => g.Count()).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(), Percent(g.Count(), reporting))).ToList();
        return new StaffingFigures(rows, reporting, unknown, sizes);
    }

    /// <summary>Every council with staff lines: (code, fte, population, fte per 100k), unordered.</summary>
    public List<(string Code, decimal Fte, int Population, decimal PerHead)> FtePerHead(string? region)
    {
        var ids = Responses(region, "LOCAL_AUTHORITY").Select(r => r["response_id"]).ToHashSet();
        return _staff.Where(s => ids.Contains(s["response_id"]))
            .GroupBy(s => _responsesById[s["response_id"]]["org_code"])
            .Select(g =>
            {
                var population = int.Parse(_organisationsByCode[g.Key]["population"], CultureInfo.InvariantCulture);
                var fte = g.Sum(s => Fte(s["fte"]));
                return (g.Key, fte, population, fte * 100_000m / population);
            }).ToList();
    }

    public List<(string Code, int Sole, int Joint, int WomenOnly)> Services(string? region, string? type)
    {
        var ids = Responses(region, type).Select(r => r["response_id"]).ToHashSet();
        var rows = _services.Where(s => ids.Contains(s["response_id"])).ToList();
        int Distinct(string code, Func<Dictionary<string, string>, bool> predicate) => rows
            .Where(s => s["service_code"] == code && predicate(s))
            .Select(s => _responsesById[s["response_id"]]["org_code"]).Distinct().Count();
        return ServiceTypes
            .OrderBy(t => t["category"], StringComparer.Ordinal).ThenBy(t => t["name"], StringComparer.Ordinal)
            .Select(t => (t["code"], Distinct(t["code"], s => s["commissioning"] == "SOLE"),
                Distinct(t["code"], s => s["commissioning"] == "JOINT"), Distinct(t["code"], s => s["women_only"] == "Y")))
            .ToList();
    }

    public List<(string Category, List<(string JobTitle, int Count)> Titles)> JobTitles(string? region, string? type) =>
        Commissioners(region, type).Where(c => c["job_title"].Length > 0)
            .GroupBy(Category)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.GroupBy(c => c["job_title"])
                .Select(t => (t.Key, t.Count()))
                .OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal).ToList()))
            .ToList();
}
