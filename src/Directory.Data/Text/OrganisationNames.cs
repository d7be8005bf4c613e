using Directory.Data.Import;

namespace Directory.Data.Text;

/// <summary>
/// The names an organisation goes by besides its own, from the reference lists (they are not columns of the
/// database): a council's short name ("Nottingham" for "Nottingham City Council") and a police force area's name
/// for its commissioner ("Nottinghamshire"). Organisation search indexes them; the place lookup matches them.
/// </summary>
public static class OrganisationNames
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ShortNames = new(() => ReferenceDataLoader.ReadColumn(
        DatabaseInitializer.ReferenceFolder, "local_authorities_england_2020.csv",
        ["gss_code", "name", "short_name", "tier", "region", "county_gss_code", "police_force_area_code", "population_2020", "area_km2", "latitude", "longitude"],
        "gss_code", "short_name"));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> ForceAreaNames = new(() => ReferenceDataLoader.ReadColumn(
        DatabaseInitializer.ReferenceFolder, "police_force_areas.csv", ["code", "name", "nation"], "code", "name"));

    /// <summary>A council's short name, if the reference list has one.</summary>
    public static string? ShortName(string code) =>
        ShortNames.Value.TryGetValue(code, out var name) && name.Length > 0 ? name : null;

    /// <summary>The name of the police force area whose commissioner has this code, if the reference list has it.</summary>
    public static string? ForceAreaName(string code) =>
        ForceAreaNames.Value.TryGetValue(code, out var name) && name.Length > 0 ? name : null;
}
