using System.Globalization;
using CsvHelper;

namespace Directory.DataGen;

/// <summary>
/// Writes the sample survey folder <c>factor</c> times over into one folder, copy <c>i</c> with every key and
/// organisation code suffixed <c>-i</c> and every email tagged <c>.ci</c>, so that the copies are distinct rows that
/// reference only each other. Service types are the questionnaire's fixed list and are written once. Streams.
/// </summary>
internal static class SampleMultiplier
{
    private enum Kind
    {
        Key,
        Keys,
        Email,
        Name,
    }

    private static readonly Dictionary<string, Dictionary<string, Kind>> Columns = new()
    {
        ["organisations.csv"] = new()
        {
            ["code"] = Kind.Key,
            ["name"] = Kind.Name,
            ["parent_code"] = Kind.Key,
            ["police_force_area_code"] = Kind.Key,
            ["central_email"] = Kind.Email,
            ["commissioning_delegated_to"] = Kind.Key,
            ["merged_into"] = Kind.Key,
        },
        ["responses.csv"] = new() { ["response_id"] = Kind.Key, ["org_code"] = Kind.Key },
        ["contacts.csv"] = new()
        {
            ["contact_id"] = Kind.Key,
            ["org_code"] = Kind.Key,
            ["response_id"] = Kind.Key,
            ["email"] = Kind.Email,
            ["manager_contact_id"] = Kind.Key,
        },
        ["staff.csv"] = new() { ["response_id"] = Kind.Key },
        ["services.csv"] = new() { ["response_id"] = Kind.Key },
        ["contracts.csv"] = new()
        {
            ["contract_id"] = Kind.Key,
            ["provider_code"] = Kind.Key,
            ["lead_commissioner_code"] = Kind.Key,
            ["co_commissioner_codes"] = Kind.Keys,
        },
        ["partnerships.csv"] = new() { ["partnership_id"] = Kind.Key, ["lead_org_code"] = Kind.Key },
        ["partnership_members.csv"] = new() { ["partnership_id"] = Kind.Key, ["org_code"] = Kind.Key },
    };

    public static long Write(string sample, int factor, string output)
    {
        System.IO.Directory.CreateDirectory(output);
        File.Copy(Path.Combine(sample, "service_types.csv"), Path.Combine(output, "service_types.csv"), overwrite: true);
        long rows = 0;
        foreach (var (file, kinds) in Columns)
        {
            using var writer = new StreamWriter(Path.Combine(output, file));
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            string[]? header = null;
            for (var copy = 0; copy < factor; copy++)
            {
                using var reader = new StreamReader(Path.Combine(sample, file));
                using var input = new CsvReader(reader, CultureInfo.InvariantCulture);
                input.Read();
                input.ReadHeader();
                if (header is null)
                {
                    header = input.HeaderRecord!;
                    foreach (var name in header)
                    {
                        csv.WriteField(name);
                    }

                    csv.NextRecord();
                }

                while (input.Read())
                {
                    for (var i = 0; i < header.Length; i++)
                    {
                        var value = input.GetField(i) ?? "";
                        csv.WriteField(copy == 0 || value.Length == 0 || !kinds.TryGetValue(header[i], out var kind)
                            ? value
                            : Transform(value, kind, copy));
                    }

                    csv.NextRecord();
                    rows++;
                }
            }
        }

        return rows;
    }

    private static string Transform(string value, Kind kind, int copy) => kind switch
    {
        Kind.Key => $"{value}-{copy}",
        Kind.Keys => string.Join(';', value.Split(';').Select(v => $"{v}-{copy}")),
        Kind.Email => value.Replace("@", $".c{copy}@", StringComparison.Ordinal),
        Kind.Name => $"{value} (copy {copy})",
        _ => value,
    };
}
