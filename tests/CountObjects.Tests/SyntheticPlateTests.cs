using System.Security.Cryptography;

namespace Fleetbook.Examples.CountObjects.Tests;

public class SyntheticPlateTests
{
    [Fact]
    public void A_default_plate_has_96_wells_named_row_major()
    {
        // Act
        IReadOnlyList<string> wells = SyntheticPlate.Wells();

        // Assert
        Assert.Equal(96, wells.Count);
        Assert.Equal(96, wells.Distinct().Count());
        Assert.Equal(["A01", "A02"], wells.Take(2));
        Assert.Equal("A12", wells[11]);
        Assert.Equal("B01", wells[12]);
        Assert.Equal("H12", wells[^1]);
    }

    [Fact]
    public void A_384_well_plate_runs_to_P24()
    {
        // Act
        IReadOnlyList<string> wells = SyntheticPlate.Wells(rows: 16, columns: 24);

        // Assert
        Assert.Equal(384, wells.Count);
        Assert.Equal("P24", wells[^1]);
    }

    [Fact]
    public void Site_file_names_combine_well_and_site()
    {
        // Act
        string name = SyntheticPlate.SiteFileName("C07", 3);

        // Assert
        Assert.Equal("C07_s3.pgm", name);
    }

    [Fact]
    public void Rendering_the_same_site_twice_gives_identical_bytes()
    {
        // Act
        byte[] first = SyntheticPlate.RenderSite("Plate1", "B03", 2);
        byte[] second = SyntheticPlate.RenderSite("Plate1", "B03", 2);

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Rendering_is_pinned_so_other_processes_and_machines_produce_the_same_image()
    {
        // Arrange: a change to this hash means every previously generated plate is now different.
        const string expectedSha256 = "761ff86cbb424fa147dfe1d3b89b216af5e2e24c3eeb91a21e7d2269b6abfbd8";

        // Act
        string actual = Convert.ToHexStringLower(SHA256.HashData(SyntheticPlate.RenderSite("Plate1", "A01", 1)));

        // Assert
        Assert.Equal(expectedSha256, actual);
    }

    [Fact]
    public void Different_sites_render_different_images()
    {
        // Act
        byte[] site1 = SyntheticPlate.RenderSite("Plate1", "B03", 1);
        byte[] site2 = SyntheticPlate.RenderSite("Plate1", "B03", 2);

        // Assert
        Assert.NotEqual(site1, site2);
    }

    [Fact]
    public void Rendering_an_image_too_small_for_its_objects_is_refused()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => SyntheticPlate.RenderSite("Plate1", "H12", 1, width: 16, height: 16));
    }

    [Fact]
    public void Rendered_sites_are_128_pixel_square_8_bit_pgm_files()
    {
        // Act
        byte[] image = SyntheticPlate.RenderSite("Plate1", "A01", 1);

        // Assert
        Assert.StartsWith("P5", System.Text.Encoding.ASCII.GetString(image, 0, 2));
        CountResult result = ObjectCounter.Count(image);
        Assert.Equal((128, 128), (result.Width, result.Height));
    }

    [Fact]
    public void Expected_counts_stay_between_5_and_40_on_every_site_of_a_plate()
    {
        // Act
        int[] counts = Counts("Plate1").ToArray();

        // Assert
        Assert.All(counts, count => Assert.InRange(count, 5, 40));
    }

    [Fact]
    public void Expected_counts_rise_across_the_plate_so_a_heatmap_shows_a_gradient()
    {
        // Act
        double firstColumn = MeanCount("Plate1", column: 1);
        double lastColumn = MeanCount("Plate1", column: 12);

        // Assert
        Assert.True(lastColumn > firstColumn + 10, $"column 1 mean {firstColumn}, column 12 mean {lastColumn}");
    }

    [Theory]
    [InlineData("Plate1")]
    [InlineData("Plate2")]
    [InlineData("Screen-2024-07")]
    public void Every_plate_has_a_few_hit_wells_with_many_more_objects(string plate)
    {
        // Act
        string[] hits = SyntheticPlate.Wells()
            .Where(well => SyntheticPlate.ExpectedObjectCount(plate, well, 1) >= 32)
            .ToArray();

        // Assert
        Assert.InRange(hits.Length, 1, 3);
    }

    [Fact]
    public void Writing_a_site_creates_the_named_file_and_reports_its_size()
    {
        // Arrange
        using var temp = new TempDirectory();
        string directory = Path.Combine(temp.Path, "Plate1");

        // Act
        int written = SyntheticPlate.WriteSite(directory, "Plate1", "D04", 2);

        // Assert
        byte[] file = File.ReadAllBytes(Path.Combine(directory, "D04_s2.pgm"));
        Assert.Equal(file.Length, written);
        Assert.Equal(SyntheticPlate.RenderSite("Plate1", "D04", 2), file);
    }

    [Fact]
    public void Writing_a_site_refuses_a_well_name_that_would_escape_the_directory()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act + Assert
        Assert.Throws<ArgumentException>(() => SyntheticPlate.WriteSite(temp.Path, "Plate1", "../A01", 1));
    }

    private static IEnumerable<int> Counts(string plate) =>
        from well in SyntheticPlate.Wells()
        from site in Enumerable.Range(1, 4)
        select SyntheticPlate.ExpectedObjectCount(plate, well, site);

    private static double MeanCount(string plate, int column) =>
        SyntheticPlate.Wells()
            .Where(well => well.EndsWith(column.ToString("D2"), StringComparison.Ordinal))
            .Select(well => SyntheticPlate.ExpectedObjectCount(plate, well, 1))
            .Where(count => count < 32)
            .Average();
}
