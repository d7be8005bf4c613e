using System.Globalization;
using System.Text.Json;

namespace Directory.Api.Exports;

/// <summary>
/// JSON: <c>{ "export": { key, list, purpose, exportedBy, exportedAt, filter, rowCount, terms }, "rows": [ { column:
/// value } ] }</c>, with the column headings as keys so that the three formats carry the same fields.
/// </summary>
public static class JsonExport
{
    public const string ContentType = "application/json; charset=utf-8";

    public static byte[] Write(ExportTable table, ExportManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(manifest);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("export");
            writer.WriteString("key", manifest.ExportKey);
            writer.WriteString("list", manifest.List);
            writer.WriteString("purpose", manifest.Purpose);
            writer.WriteString("exportedBy", manifest.ExportedBy);
            writer.WriteString("exportedAt", manifest.ExportedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("filter");
            JsonSerializer.Serialize(writer, manifest.Filter);
            writer.WriteNumber("rowCount", manifest.RowCount);
            writer.WriteString("terms", ExportManifest.Terms);
            writer.WriteEndObject();
            writer.WriteStartArray("rows");
            foreach (var row in table.Rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    writer.WriteString(table.Columns[i].Key, row[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
