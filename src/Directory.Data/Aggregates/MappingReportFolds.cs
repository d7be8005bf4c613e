using System.Collections;
using System.Collections.Immutable;
using Directory.Data.Model;

namespace Directory.Data.Aggregates;

/// <summary>One staff-line group of an organisation, as the staffing folds read it.</summary>
internal readonly record struct StaffGroup(int Organisation, string Code, int? Population, StaffResponsibility Responsibility, int Lines, decimal Fte);

/// <summary>
/// The staff lines over a scope, per organisation (team sizes) and per responsibility: what <c>staffing</c> reports,
/// kept as immutable maps so a change to a few organisations costs their groups, not a pass over every organisation's.
/// </summary>
internal sealed class StaffTeams
{
    public static StaffTeams Empty { get; } = new(
        ImmutableDictionary<int, int>.Empty, ImmutableSortedDictionary<int, int>.Empty, ImmutableDictionary<StaffResponsibility, (int, decimal)>.Empty);

    private StaffTeams(
        ImmutableDictionary<int, int> linesOf, ImmutableSortedDictionary<int, int> teamSizes,
        ImmutableDictionary<StaffResponsibility, (int Staff, decimal Fte)> byResponsibility)
    {
        LinesOf = linesOf;
        TeamSizes = teamSizes;
        ByResponsibility = byResponsibility;
    }

    /// <summary>Staff lines per organisation that has any: its team size.</summary>
    public ImmutableDictionary<int, int> LinesOf { get; }

    /// <summary>How many organisations have each team size, by size.</summary>
    public ImmutableSortedDictionary<int, int> TeamSizes { get; }

    /// <summary>Staff lines and summed FTE per responsibility that has any.</summary>
    public ImmutableDictionary<StaffResponsibility, (int Staff, decimal Fte)> ByResponsibility { get; }

    public StaffTeams With(IEnumerable<StaffGroup> removed, IEnumerable<StaffGroup> added)
    {
        var lines = LinesOf.ToBuilder();
        var byResponsibility = ByResponsibility.ToBuilder();
        var sizeBefore = new Dictionary<int, int>();
        void Count(StaffGroup group, int sign)
        {
            if (!sizeBefore.ContainsKey(group.Organisation))
            {
                sizeBefore[group.Organisation] = lines.GetValueOrDefault(group.Organisation);
            }
            Set(lines, group.Organisation, lines.GetValueOrDefault(group.Organisation) + (sign * group.Lines));
            var sum = byResponsibility.GetValueOrDefault(group.Responsibility);
            var left = (Staff: sum.Staff + (sign * group.Lines), Fte: sum.Fte + (sign * group.Fte));
            // A responsibility no line is left with is no group, as in SQL's GROUP BY.
            if (left.Staff == 0)
            {
                byResponsibility.Remove(group.Responsibility);
            }
            else
            {
                byResponsibility[group.Responsibility] = left;
            }
        }
        foreach (var group in removed)
        {
            Count(group, -1);
        }
        foreach (var group in added)
        {
            Count(group, 1);
        }

        var sizes = TeamSizes.ToBuilder();
        foreach (var (organisation, before) in sizeBefore)
        {
            var after = lines.GetValueOrDefault(organisation);
            if (after != before)
            {
                Set(sizes, before, sizes.GetValueOrDefault(before) - 1);
                Set(sizes, after, sizes.GetValueOrDefault(after) + 1);
            }
        }
        sizes.Remove(0); // organisations without staff lines have no team
        return new StaffTeams(lines.ToImmutable(), sizes.ToImmutable(), byResponsibility.ToImmutable());
    }

    /// <summary>Sets a count, removing the entry when it reaches 0.</summary>
    private static void Set(IDictionary<int, int> counts, int key, int count)
    {
        if (count == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = count;
        }
    }
}

/// <summary>A council with staff lines and a population, with its FTE (as SQL sums it) per 100,000 population.</summary>
internal sealed record RankedCouncil(int Id, string Code, int Population, decimal Fte, decimal FtePer100k);

/// <summary>
/// The councils of a scope with staff lines, ranked for <c>ftePerHead</c>: each council's lines and FTE, and the ones
/// with a population in three sorted sets (most FTE per head first, least first, by code), so that a change to a few
/// councils moves their entries (a few logarithmic steps each) instead of ranking ≈ 17,400 councils again at ×100.
/// </summary>
internal sealed class CouncilRanking
{
    /// <summary>Most FTE per head first, ties by code.</summary>
    private static readonly Comparer<RankedCouncil> HighestFirst = Comparer<RankedCouncil>.Create((x, y) =>
        y.FtePer100k.CompareTo(x.FtePer100k) is var c and not 0 ? c : ByCodeOrder(x, y));

    /// <summary>Least FTE per head first, ties by code.</summary>
    private static readonly Comparer<RankedCouncil> LowestFirst = Comparer<RankedCouncil>.Create((x, y) =>
        x.FtePer100k.CompareTo(y.FtePer100k) is var c and not 0 ? c : ByCodeOrder(x, y));

    private static readonly Comparer<RankedCouncil> ByCodeFirst = Comparer<RankedCouncil>.Create(ByCodeOrder);

    public static CouncilRanking Empty { get; } = new(
        ImmutableDictionary<int, (string Code, int? Population, int Lines, decimal Fte)>.Empty,
        ImmutableSortedSet.Create<RankedCouncil>(HighestFirst), ImmutableSortedSet.Create<RankedCouncil>(LowestFirst),
        ImmutableSortedSet.Create<RankedCouncil>(ByCodeFirst));

    private readonly ImmutableDictionary<int, (string Code, int? Population, int Lines, decimal Fte)> _councils;

    private CouncilRanking(
        ImmutableDictionary<int, (string Code, int? Population, int Lines, decimal Fte)> councils,
        ImmutableSortedSet<RankedCouncil> highest, ImmutableSortedSet<RankedCouncil> lowest, ImmutableSortedSet<RankedCouncil> byCode)
    {
        _councils = councils;
        Highest = highest;
        Lowest = lowest;
        ByCode = byCode;
    }

    public ImmutableSortedSet<RankedCouncil> Highest { get; }

    public ImmutableSortedSet<RankedCouncil> Lowest { get; }

    public ImmutableSortedSet<RankedCouncil> ByCode { get; }

    public CouncilRanking With(IEnumerable<StaffGroup> removed, IEnumerable<StaffGroup> added)
    {
        var councils = _councils.ToBuilder();
        var touched = new Dictionary<int, RankedCouncil?>();
        void Count(StaffGroup group, int sign)
        {
            var known = councils.TryGetValue(group.Organisation, out var council);
            if (!touched.ContainsKey(group.Organisation))
            {
                touched[group.Organisation] = known ? Ranked(group.Organisation, council) : null;
            }
            var lines = council.Lines + (sign * group.Lines);
            if (lines == 0)
            {
                councils.Remove(group.Organisation);
            }
            else
            {
                // The code and population are the organisation's: every group of it carries the same (as last read).
                councils[group.Organisation] = (group.Code, group.Population, lines, council.Fte + (sign * group.Fte));
            }
        }
        foreach (var group in removed)
        {
            Count(group, -1);
        }
        foreach (var group in added)
        {
            Count(group, 1);
        }

        var highest = Highest.ToBuilder();
        var lowest = Lowest.ToBuilder();
        var byCode = ByCode.ToBuilder();
        foreach (var (id, before) in touched)
        {
            var after = councils.TryGetValue(id, out var council) ? Ranked(id, council) : null;
            if (before == after)
            {
                continue;
            }
            if (before is not null)
            {
                highest.Remove(before);
                lowest.Remove(before);
                byCode.Remove(before);
            }
            if (after is not null)
            {
                highest.Add(after);
                lowest.Add(after);
                byCode.Add(after);
            }
        }
        return new CouncilRanking(councils.ToImmutable(), highest.ToImmutable(), lowest.ToImmutable(), byCode.ToImmutable());
    }

    /// <summary>The council as ranked, or null without a population (it has staff lines but no FTE per head).</summary>
    private static RankedCouncil? Ranked(int id, (string Code, int? Population, int Lines, decimal Fte) council)
    {
        if (council.Population is not > 0)
        {
            return null;
        }
        var fte = MappingReportAggregates.AsSummedInSql(council.Fte);
        return new RankedCouncil(id, council.Code, council.Population.Value, fte, fte * 100_000m / council.Population.Value);
    }

    private static int ByCodeOrder(RankedCouncil x, RankedCouncil y) =>
        string.CompareOrdinal(x.Code, y.Code) is var c and not 0 ? c : x.Id.CompareTo(y.Id);
}

/// <summary>
/// Ranked councils as <see cref="FtePerHeadRow"/>s, each made when read: a cached <c>ftePerHead</c> lists every council
/// (≈ 17,400 at ×100) in <c>councils</c>, which most reports do not select.
/// </summary>
internal sealed class RankedRows(IReadOnlyList<RankedCouncil> councils, Func<int, Organisation> organisation) : IReadOnlyList<FtePerHeadRow>
{
    public int Count => councils.Count;

    public FtePerHeadRow this[int index] => Row(councils[index]);

    public IEnumerator<FtePerHeadRow> GetEnumerator() => councils.Select(Row).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private FtePerHeadRow Row(RankedCouncil council) => new(organisation(council.Id), council.Fte, council.Population, council.FtePer100k);
}
