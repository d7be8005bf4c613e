using Directory.Api.GraphQL;
using Directory.Data.Aggregates;
using Directory.GraphQL.Types;

namespace Directory.Api.Tests.Mapping;

/// <summary>
/// The report's fields are bound to the aggregates' declarations by name (<see cref="MappingReportAggregates.All"/>):
/// every aggregate field of the contract has one, and a field without one stops the schema from being built, naming it.
/// </summary>
public sealed class MappingReportResolversTests
{
    [Fact]
    public void Every_aggregate_field_of_the_contract_is_declared_once()
    {
        var report = (ObjectType)SchemaBuilder.BuildForValidation(ServedSchema.ContractSdl).TypeMap["MappingReport"];

        MappingReportAggregates.All.Select(a => a.Field)
            .ShouldBe(report.Fields.Select(f => f.Name).Where(name => name is not "survey" and not "region"), ignoreOrder: true);
        MappingReportAggregates.All.Select(a => a.Field).ShouldBeUnique();
    }

    [Fact]
    public void A_report_field_without_a_declaration_fails_the_schema_build()
    {
        var contract = ServedSchema.ContractSdl;
        var withUndeclared = contract.Replace(
            "type MappingReport {", "type MappingReport {\n  \"Training offered to commissioners.\"\n  trainingOffered: Int!", StringComparison.Ordinal);
        withUndeclared.ShouldNotBe(contract);

        var error = Should.Throw<SchemaValidationException>(() => DirectoryGraphQL.BuildSchema(withUndeclared));

        error.Message.ShouldContain("MappingReport.trainingOffered");
        DirectoryGraphQL.BuildSchema(contract).TypeMap.ContainsKey("MappingReport").ShouldBeTrue();
    }
}
