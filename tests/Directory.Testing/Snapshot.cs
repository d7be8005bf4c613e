using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Directory.Testing;

/// <summary>
/// Snapshot assertions for what Snapshooter (<c>Snapshooter.Xunit.Snapshot.Match</c>, used for values) cannot do:
/// a snapshot that is a file of its own kind with its own extension (a printed GraphQL document stays a
/// <c>.graphql</c> file that editors and the graphql-js harness read as GraphQL; Snapshooter stores every snapshot as
/// JSON text in a <c>.snap</c> file named after the test), at a path the test chooses (<see cref="MatchFile"/>), and
/// failing on a missing snapshot on every machine (Snapshooter writes it and passes unless
/// <c>SNAPSHOOTER_STRICT_MODE</c> is set). A snapshot is a checked-in text file under
/// a <c>__snapshots__</c> folder beside the calling test file. On a mismatch the actual text is written next to it as
/// <c>NAME.received.EXT</c> (git-ignored) and the assertion fails with a short diff; a missing snapshot fails too,
/// so a forgotten file never passes silently. Set <c>UPDATE_SNAPSHOTS=1</c> to (re)write snapshots instead.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Compares text with the snapshot <paramref name="name"/> (extension included, e.g. "schema.graphql").</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "__snapshots__");
        MatchFile(actual, Path.Combine(folder, name));
    }

    /// <summary>Compares a value serialised as indented JSON with the snapshot <paramref name="name"/>.json.</summary>
    public static void MatchJson(object? value, string name, [CallerFilePath] string callerFile = "")
    {
        var json = value is JsonElement element
            ? JsonSerializer.Serialize(element, Indented)
            : JsonSerializer.Serialize(value, Indented);
        Match(json, name + ".json", callerFile);
    }

    /// <summary>
    /// Compares text with the snapshot at an explicit path. <paramref name="update"/> overrides the environment
    /// variable (tests of this helper use it so as not to change process-wide state).
    /// </summary>
    public static void MatchFile(string actual, string snapshotPath, bool? update = null)
    {
        actual = Normalise(actual);
        var extension = Path.GetExtension(snapshotPath);
        var receivedPath = Path.ChangeExtension(snapshotPath, ".received" + extension);

        if (update ?? Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true")
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(snapshotPath)!);
            File.WriteAllText(snapshotPath, actual, Utf8NoBom);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(snapshotPath))
        {
            WriteReceived(receivedPath, actual);
            throw new XunitException(
                $"Snapshot {snapshotPath} does not exist. The actual value was written to {receivedPath}; " +
                $"review it and rename it, or run the tests with {UpdateVariable}=1.");
        }

        var expected = Normalise(File.ReadAllText(snapshotPath));
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        WriteReceived(receivedPath, actual);
        throw new XunitException(
            $"Snapshot {snapshotPath} does not match; the actual value was written to {receivedPath}.\n" +
            FirstDifference(expected, actual));
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static void WriteReceived(string path, string actual)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, actual, Utf8NoBom);
    }

    // Snapshots are compared with LF line endings and one trailing newline, so a checkout with CRLF still matches.
    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of snapshot>";
            var al = i < a.Length ? a[i] : "<end of value>";
            if (el != al)
            {
                return $"First difference at line {i + 1}:\n  expected: {el}\n  actual:   {al}";
            }
        }
        return "The texts differ only in length.";
    }
}
