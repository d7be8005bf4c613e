using Directory.Api.Partnerships;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data.Model;

namespace Directory.Api.Tests.Partnerships;

/// <summary>Renewal arithmetic of issue 16 ("Extension patterns"), on its own and through the API on the sample.</summary>
public sealed class ContractRenewalTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static Contract Contract(string? pattern, DateOnly? end) =>
        new() { Key = "K9999", Title = "t", StartOn = new DateOnly(2019, 4, 1), EndOn = end, ExtensionPattern = pattern };

    [Fact]
    public void The_first_number_is_the_initial_term_and_the_others_extend_the_end_date()
    {
        var contract = Contract("2+1+1+1", new DateOnly(2021, 3, 31));

        ContractRenewal.LatestPossibleEndDate(contract).ShouldBe(new DateOnly(2024, 3, 31));
        ContractRenewal.Extensions(contract).ShouldBe(
        [
            new ContractExtension(1, 1, new DateOnly(2021, 4, 1), new DateOnly(2022, 3, 31)),
            new ContractExtension(2, 1, new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 31)),
            new ContractExtension(3, 1, new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 31)),
        ]);
        ContractRenewal.StatusOn(contract, new DateOnly(2021, 3, 31)).ShouldBe(ContractStatus.ACTIVE);
        ContractRenewal.StatusOn(contract, new DateOnly(2021, 4, 1)).ShouldBe(ContractStatus.IN_EXTENSION);
        ContractRenewal.StatusOn(contract, new DateOnly(2024, 3, 31)).ShouldBe(ContractStatus.IN_EXTENSION);
        ContractRenewal.StatusOn(contract, new DateOnly(2024, 4, 1)).ShouldBe(ContractStatus.ENDED);
    }

    [Fact]
    public void Without_a_pattern_the_latest_possible_end_is_the_end_date_and_without_an_end_date_it_runs_on()
    {
        var plain = Contract(null, new DateOnly(2022, 6, 30));
        ContractRenewal.LatestPossibleEndDate(plain).ShouldBe(new DateOnly(2022, 6, 30));
        ContractRenewal.Extensions(plain).ShouldBeEmpty();
        ContractRenewal.StatusOn(plain, new DateOnly(2022, 7, 1)).ShouldBe(ContractStatus.ENDED);

        var open = Contract("1+1", null);
        ContractRenewal.LatestPossibleEndDate(open).ShouldBeNull();
        ContractRenewal.StatusOn(open, new DateOnly(2030, 1, 1)).ShouldBe(ContractStatus.ACTIVE);
    }

    [Fact]
    public async Task Contracts_expose_their_renewal_through_the_API()
    {
        // K0271 in contracts.csv: ends 2023-03-27, pattern 1+1.
        var data = await api.DataAsync("""
            { contracts(where: { leadCommissioner: { code: { eq: "E10000024" } } }) { nodes { code endDate extensionPattern latestPossibleEndDate
                extensionOptions { number years startDate endDate } then: status(asOf: "2023-06-01") later: status(asOf: "2024-03-28") } } }
            """);

        var k0271 = data.GetProperty("contracts").GetProperty("nodes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "K0271");
        k0271.GetProperty("extensionPattern").GetString().ShouldBe("1+1");
        k0271.GetProperty("latestPossibleEndDate").GetString().ShouldBe("2024-03-27");
        k0271.GetProperty("extensionOptions").GetRawText().ShouldBe("""[{"number":1,"years":1,"startDate":"2023-03-28","endDate":"2024-03-27"}]""");
        k0271.GetProperty("then").GetString().ShouldBe("IN_EXTENSION");
        k0271.GetProperty("later").GetString().ShouldBe("ENDED");
    }
}
