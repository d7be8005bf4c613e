// The namespaces nearly every feature folder reads: the data model and its context, and the engine's resolver and
// schema-binding API. Namespaces of other feature folders stay explicit in each file, so a file says which features
// it depends on.
global using Directory.Data;
global using Directory.Data.Model;
global using Directory.GraphQL.Errors;
global using Directory.GraphQL.Execution;
global using Directory.GraphQL.Types;
global using Microsoft.EntityFrameworkCore;
