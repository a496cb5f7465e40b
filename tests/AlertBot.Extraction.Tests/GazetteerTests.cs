using static AlertBot.Extraction.Tests.Shared;

namespace AlertBot.Extraction.Tests;

public class GazetteerTests
{
    [Fact]
    public void Shared_ids_are_kept_unchanged()
    {
        for (var i = 1; i <= 97; i++)
        {
            var id = $"ES{i:000}";
            Assert.NotNull(Gaz.Find(id));
        }

        Assert.Equal("Deir ez-Zor city", Gaz.Find("ES001")!.NameEn);
        Assert.Equal("Albu Kamal", Gaz.Find("ES057")!.NameEn);
        Assert.Equal("al-Tanf", Gaz.Find("ES086")!.NameEn);
    }

    [Fact]
    public void Ids_are_unique()
    {
        Assert.Equal(Gaz.Places.Count, Gaz.Places.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Every_parent_exists()
    {
        foreach (var p in Gaz.Places.Where(p => p.ParentId != null))
        {
            Assert.True(Gaz.Find(p.ParentId!) != null, $"{p.Id} has missing parent {p.ParentId}");
        }
    }

    [Fact]
    public void Iraqi_sites_have_iraqi_parents_up_to_the_country()
    {
        Assert.Equal(["IRAQ-ANBAR", "IRAQ"], Gaz.AncestorsOf("ES095").Select(p => p.Id));
        Assert.Equal(["IRAQ-KRG", "IRAQ"], Gaz.AncestorsOf("ES096").Select(p => p.Id));
    }

    [Fact]
    public void Ancestors_are_listed_nearest_first()
    {
        Assert.Equal(["ES001", "SY090100", "SY0901", "SY09", "SY"], Gaz.AncestorsOf("ES002").Select(p => p.Id));
    }

    [Fact]
    public void Raqqa_is_in_the_hierarchy()
    {
        Assert.True(Gaz.IsWithin("AB001", "SY11"));
        Assert.True(Gaz.IsWithin("SY11", "SY"));
    }

    [Fact]
    public void Is_within_is_reflexive_and_transitive_only_downwards()
    {
        Assert.True(Gaz.IsWithin("ES025", "ES025"));
        Assert.True(Gaz.IsWithin("ES025", "SY09"));
        Assert.False(Gaz.IsWithin("SY09", "ES025"));
        Assert.False(Gaz.IsWithin("ES086", "SY09"));
    }

    [Theory]
    [InlineData("الميادين", "ES037")]
    [InlineData("ميادين", "ES037")]
    [InlineData("Mayadeen", "ES037")]
    [InlineData("al mayadin", "ES037")]
    [InlineData("البو كمال", "ES057")]
    [InlineData("Abu Kamal", "ES057")]
    [InlineData("كونوكو", "ES025")]
    [InlineData("Conoco", "ES025")]
    [InlineData("التنف", "ES086")]
    public void Lookup_finds_typed_names_in_any_spelling(string typed, string id)
    {
        Assert.Equal(id, Gaz.Lookup(typed)[0].Id);
    }

    [Fact]
    public void Lookup_puts_the_primary_name_before_aliases()
    {
        // "الحسكة" names the governorate, its district and the city: the governorate comes first, the district after the city.
        var hits = Gaz.Lookup("الحسكة").Select(p => p.Id).ToList();
        Assert.Equal("SY08", hits[0]);
        Assert.True(hits.IndexOf("AB003") < hits.IndexOf("SY0800"));
        // "مركز البوكمال" is a subdistrict's name and only an alias elsewhere.
        Assert.Equal("SY090200", Gaz.Lookup("مركز البوكمال")[0].Id);
    }

    [Fact]
    public void Lookup_forgives_a_typo()
    {
        Assert.Equal("ES037", Gaz.Lookup("الميادبن")[0].Id);
        Assert.Equal("ES049", Gaz.Lookup("Hajn")[0].Id);
        Assert.Equal("ES045", Gaz.Lookup("al-Ashra")[0].Id);
    }

    [Fact]
    public void Lookup_of_nonsense_is_empty()
    {
        Assert.Empty(Gaz.Lookup("zzzzqqqq"));
        Assert.Empty(Gaz.Lookup("   "));
    }

    [Fact]
    public void Extra_directory_adds_places_and_aliases_without_a_rebuild()
    {
        var dir = Directory.CreateTempSubdirectory("gaz-extra-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "local.csv"),
                "id,name_en,name_ar,alt_names_ar,alt_names_en,kind,parent_id,lat,lon,coord_quality,ocha_pcode,source,note\n" +
                "OP001,al-Haydariya farms,مزارع الحيدرية,الحيدرية,Haydariya,desert_area,SY090300,35.0,40.4,rough,,operator,test\n" +
                "ES037,,,مدينة الميادين الكبرى,Mayadeen town,,,,,,,operator,alias\n");
            var g = Gazetteer.LoadDefault(dir.FullName);
            Assert.Equal("SY090300", g.Find("OP001")!.ParentId);
            Assert.Contains("مدينة الميادين الكبرى", g.Find("ES037")!.AliasesAr);
            Assert.Equal("OP001", g.Lookup("الحيدرية")[0].Id);
            var e = new ReportExtractor(g).Extract(new ReportText(null, "شنت طائرات مجهولة غارات على مزارع الحيدرية قرب الميادين", "ar", null));
            Assert.Contains("OP001", e.PlaceIds);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Extra_file_with_a_wrong_header_is_refused_with_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("gaz-bad-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bad.csv"), "name,lat\nx,1\n");
            var ex = Assert.Throws<InvalidDataException>(() => Gazetteer.LoadDefault(dir.FullName));
            Assert.Contains("header", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Missing_extra_directory_is_an_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Gazetteer.LoadDefault("/nonexistent/gazetteer-extra"));
    }
}
