// The namespaces most of this project reads: EF Core, the model and the entity configuration builders.
global using Directory.Data.Model;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
