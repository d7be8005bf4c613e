using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Organisations;

/// <summary>
/// A department whose name fits no category has none (the model's category is nullable, and 33 of the sample's 631
/// departments are such). The schema promised one, so asking for it failed the whole organisation; found by the soak.
/// </summary>
public sealed class DepartmentCategoryTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    [Fact]
    public async Task A_department_without_a_category_reads_as_null_and_leaves_its_organisation_intact()
    {
        var body = await api.QueryAsync("""
            { organisation(code: "E06000007") { code departments { name category } } }
            """, token: api.OfficeToken);

        body.TryGetProperty("errors", out var errors).ShouldBeFalse(errors.ToString());
        var organisation = body.GetProperty("data").GetProperty("organisation");
        organisation.GetProperty("code").GetString().ShouldBe("E06000007");
        var uncategorised = organisation.GetProperty("departments").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == "Neighbourhoods and Environment");
        uncategorised.GetProperty("category").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
