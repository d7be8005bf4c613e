using Directory.Testing;
using Xunit.Sdk;

namespace Directory.Api.Tests.Testing;

/// <summary>The snapshot helper every test project uses: it must fail loudly and leave a .received file to review.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "snapshot-tests-" + Guid.NewGuid().ToString("N"));

    public SnapshotTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private string SnapshotPath => Path.Combine(_folder, "value.txt");

    private string ReceivedPath => Path.Combine(_folder, "value.received.txt");

    [Fact]
    public void Matching_value_passes_and_leaves_no_received_file()
    {
        File.WriteAllText(SnapshotPath, "line one\nline two\n");

        Snapshot.MatchFile("line one\r\nline two", SnapshotPath, update: false);

        File.Exists(ReceivedPath).ShouldBeFalse();
    }

    [Fact]
    public void Mismatch_fails_naming_the_first_difference_and_writes_received_file()
    {
        File.WriteAllText(SnapshotPath, "alpha\nbeta\n");

        var error = Should.Throw<XunitException>(() => Snapshot.MatchFile("alpha\ngamma\n", SnapshotPath, update: false));

        error.Message.ShouldContain("line 2");
        error.Message.ShouldContain("beta");
        error.Message.ShouldContain("gamma");
        File.ReadAllText(ReceivedPath).ShouldBe("alpha\ngamma\n");
        File.ReadAllText(SnapshotPath).ShouldBe("alpha\nbeta\n");
    }

    [Fact]
    public void Missing_snapshot_fails_instead_of_passing_silently()
    {
        var error = Should.Throw<XunitException>(() => Snapshot.MatchFile("new value", SnapshotPath, update: false));

        error.Message.ShouldContain("does not exist");
        File.Exists(SnapshotPath).ShouldBeFalse();
        File.ReadAllText(ReceivedPath).ShouldBe("new value\n");
    }

    [Fact]
    public void Update_mode_rewrites_the_snapshot_and_removes_a_stale_received_file()
    {
        File.WriteAllText(SnapshotPath, "old\n");
        File.WriteAllText(ReceivedPath, "stale\n");

        Snapshot.MatchFile("new", SnapshotPath, update: true);

        File.ReadAllText(SnapshotPath).ShouldBe("new\n");
        File.Exists(ReceivedPath).ShouldBeFalse();
    }

    [Fact]
    public void Match_json_compares_with_the_checked_in_file_beside_the_test()
    {
        // __snapshots__/snapshot-helper-answer.json is checked in next to this file.
        Snapshot.MatchJson(new { Answer = 42, Words = new[] { "snapshot", "helper" } }, "snapshot-helper-answer");

        var missing = "snapshot-helper-missing-" + Guid.NewGuid().ToString("N");
        Should.Throw<XunitException>(() => Snapshot.MatchJson(new { Answer = 43 }, missing));
        var received = Path.Combine(SourceFolder(), "__snapshots__", missing + ".received.json");
        File.Exists(received).ShouldBeTrue();
        File.Delete(received);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
