namespace Fleetbook.Examples.CountObjects.Tests;

public class ObjectCounterTests
{
    public static TheoryData<string, string, int> FortySites()
    {
        var data = new TheoryData<string, string, int>();
        IReadOnlyList<string> wells = SyntheticPlate.Wells();
        for (int i = 0; i < 40; i++)
        {
            // Spread over two plates, every row and column, and sites 1-4.
            data.Add(i % 2 == 0 ? "Plate1" : "Plate2", wells[(i * 29) % wells.Count], 1 + (i % 4));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FortySites))]
    public void Counting_a_rendered_site_finds_every_object(string plate, string well, int site)
    {
        // Arrange
        byte[] image = SyntheticPlate.RenderSite(plate, well, site);

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert
        Assert.Equal(SyntheticPlate.ExpectedObjectCount(plate, well, site), result.Objects);
    }

    [Fact]
    public void Counting_finds_every_object_in_the_densest_hit_wells()
    {
        // Arrange
        var hits =
            from well in SyntheticPlate.Wells()
            from site in Enumerable.Range(1, 4)
            where SyntheticPlate.ExpectedObjectCount("Plate1", well, site) >= 32
            select (well, site);

        // Act + Assert
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Equal(
            SyntheticPlate.ExpectedObjectCount("Plate1", hit.well, hit.site),
            ObjectCounter.Count(SyntheticPlate.RenderSite("Plate1", hit.well, hit.site)).Objects));
    }

    [Fact]
    public void Object_measurements_match_the_size_and_brightness_of_rendered_blobs()
    {
        // Arrange
        byte[] image = SyntheticPlate.RenderSite("Plate1", "C05", 1);

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert: radius 2.5-4 discs cover roughly 20-50 pixels and are far brighter than background.
        Assert.InRange(result.MeanObjectArea, 15, 60);
        Assert.InRange(result.MeanObjectIntensity, 100, 255);
        Assert.InRange(result.Threshold, 33, 130);
    }

    [Fact]
    public void Diagonally_touching_pixels_form_one_object()
    {
        // Arrange
        byte[] image = Pgm.FromAscii(
            "........",
            ".##.....",
            ".##.....",
            "...##...",
            "...##...",
            "........");

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert
        Assert.Equal(1, result.Objects);
        Assert.Equal(8, result.MeanObjectArea);
    }

    [Fact]
    public void Specks_smaller_than_four_pixels_are_ignored_as_noise()
    {
        // Arrange
        byte[] image = Pgm.FromAscii(
            "..........",
            ".##....#..",
            ".##...##..",
            "..........",
            "........#.",
            "..........");

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert
        Assert.Equal(1, result.Objects);
        Assert.Equal(4, result.MeanObjectArea);
        Assert.Equal(200, result.MeanObjectIntensity);
    }

    [Fact]
    public void An_image_of_a_single_grey_level_has_no_objects()
    {
        // Arrange
        byte[] image = [.. Pgm.Ascii("P5 4 4 255\n"), .. Enumerable.Repeat((byte)90, 16)];

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert
        Assert.Equal(0, result.Objects);
        Assert.Equal(0, result.MeanObjectArea);
    }

    [Fact]
    public void Header_comments_and_mixed_whitespace_are_accepted()
    {
        // Arrange
        byte[] image = [.. Pgm.Ascii("P5\n# made by hand\n3\t2 # trailing comment\r\n# another\n100\n"), 5, 90, 5, 5, 90, 5];

        // Act
        CountResult result = ObjectCounter.Count(image);

        // Assert
        Assert.Equal((3, 2), (result.Width, result.Height));
    }

    public static TheoryData<string, byte[]> GarbageFiles() => new()
    {
        { "empty file", [] },
        { "text", Pgm.Ascii("hello, world") },
        { "ASCII PGM", Pgm.Ascii("P2\n2 2\n255\n1 2 3 4\n") },
        { "missing height", Pgm.Ascii("P5\n4\n") },
        { "letters for width", Pgm.Ascii("P5\nxx 4\n255\n") },
        { "zero width", Pgm.Ascii("P5\n0 4\n255\n") },
        { "16-bit samples", [.. Pgm.Ascii("P5\n1 1\n65535\n"), 0, 0] },
        { "zero maxval", [.. Pgm.Ascii("P5\n1 1\n0\n"), 0] },
        { "no raster", Pgm.Ascii("P5\n2 2\n255") },
        { "truncated raster", [.. Pgm.Ascii("P5\n2 2\n255\n"), 1, 2, 3] },
        { "huge dimensions", Pgm.Ascii("P5\n99999999999 99999999999\n255\n") },
    };

    [Theory]
    [MemberData(nameof(GarbageFiles))]
    public void Counting_garbage_throws_a_format_exception(string description, byte[] file)
    {
        // Act
        var error = Assert.Throws<FormatException>(() => ObjectCounter.Count(file));

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(error.Message), description);
    }
}
