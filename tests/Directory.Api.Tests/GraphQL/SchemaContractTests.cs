using Directory.Api.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Types;

namespace Directory.Api.Tests.GraphQL;

/// <summary>The served schema is the contract file, completely documented.</summary>
public sealed class SchemaContractTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static string ContractFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "schema", "directory.graphql"));

    [Fact]
    public void Served_schema_prints_exactly_as_the_contract_file()
    {
        var contract = SchemaPrinter.Print(SchemaBuilder.BuildForValidation(File.ReadAllText(ContractFile())));

        SchemaPrinter.Print(DirectoryGraphQL.BuildSchema()).ShouldBe(contract);
    }

    [Fact]
    public async Task Introspection_over_http_lists_the_contract_types_and_root_fields()
    {
        var data = await api.DataAsync("{ __schema { queryType { fields { name } } types { name } } }");

        var fields = data.GetProperty("__schema").GetProperty("queryType").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        // The contract file's root fields, in its order: a new list field is added to the contract, not to this test
        // as well (docs/architecture.md, "Adding to the directory").
        var contract = SchemaBuilder.BuildForValidation(File.ReadAllText(ContractFile()));
        fields.ShouldBe([.. contract.QueryType!.Fields.Select(f => f.Name)]);
        fields.ShouldContain("organisations");
        fields.ShouldContain("subjectAccess");
        var types = data.GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        types.ShouldContain("NationalContactListEntry");
        types.ShouldContain("MappingReport");
        types.ShouldContain("PlaceCommissioner");
        types.ShouldContain("Region");
        types.ShouldContain("FundingAward");
        types.ShouldContain("DecimalOperationFilterInput");
    }

    [Fact]
    public void Every_type_field_argument_enum_value_and_input_field_has_a_description()
    {
        var schema = SchemaBuilder.BuildForValidation(File.ReadAllText(ContractFile()));
        var missing = new List<string>();
        foreach (var type in schema.TypeMap.Values.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !IsBuiltInScalar(t.Name)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }
            switch (type)
            {
                case ObjectType o:
                    CheckFields(o.Name, o.Fields, missing);
                    break;
                case InterfaceType i:
                    CheckFields(i.Name, i.Fields, missing);
                    break;
                case EnumType e:
                    missing.AddRange(e.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{e.Name}.{v.Name}"));
                    break;
                case InputObjectType input:
                    missing.AddRange(input.Fields.Where(f => string.IsNullOrWhiteSpace(f.Description)).Select(f => $"{input.Name}.{f.Name}"));
                    break;
            }
        }

        missing.ShouldBeEmpty();
    }

    private static void CheckFields(string typeName, IEnumerable<FieldDefinition> fields, List<string> missing)
    {
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field.Description))
            {
                missing.Add($"{typeName}.{field.Name}");
            }
            missing.AddRange(field.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{typeName}.{field.Name}({a.Name})"));
        }
    }

    private static bool IsBuiltInScalar(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";
}
