namespace Fleetbook.Examples.CountObjects.Tests;

public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Count_writes_one_csv_row_and_a_summary_line()
    {
        // Arrange
        string image = WriteSite("Plate1", "B07", 2);
        string outDirectory = Path.Combine(_temp.Path, "jobs", "B07-2");
        CountResult expected = ObjectCounter.Count(File.ReadAllBytes(image));

        // Act
        int exitCode = Run("count", "--image", image, "--out", outDirectory, "--plate", "Plate1", "--well", "B07", "--site", "2");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Equal(
            "Plate,Well,Site,Objects,MeanArea,MeanIntensity\n" +
            $"Plate1,B07,2,{expected.Objects},{expected.MeanObjectArea:F2},{expected.MeanObjectIntensity:F2}\n",
            File.ReadAllText(Path.Combine(outDirectory, "counts.csv")));
        Assert.Equal(
            $"Plate1 B07 s2: {SyntheticPlate.ExpectedObjectCount("Plate1", "B07", 2)} objects (threshold {expected.Threshold})",
            _stdout.ToString().TrimEnd());
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public void Count_takes_plate_well_and_site_from_the_generated_layout_when_not_given()
    {
        // Arrange
        string image = WriteSite("PlateX", "H11", 3);

        // Act
        int exitCode = Run("count", "--image", image, "--out", _temp.Path);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.StartsWith("PlateX,H11,3,", File.ReadAllLines(Path.Combine(_temp.Path, "counts.csv"))[1]);
    }

    [Fact]
    public void Count_quotes_csv_fields_that_contain_commas()
    {
        // Arrange
        string image = WriteSite("Plate1", "A01", 1);

        // Act
        Run("count", "--image", image, "--out", _temp.Path, "--plate", "Screen, day 2");

        // Assert
        Assert.StartsWith("\"Screen, day 2\",A01,1,", File.ReadAllLines(Path.Combine(_temp.Path, "counts.csv"))[1]);
    }

    [Fact]
    public void Count_fails_deliberately_with_exit_code_3_for_the_chosen_well()
    {
        // Arrange
        string image = WriteSite("Plate1", "C03", 1);
        string outDirectory = Path.Combine(_temp.Path, "out");

        // Act
        int exitCode = Run("count", "--image", image, "--out", outDirectory, "--fail-if-well", "C03");

        // Assert
        Assert.Equal(3, exitCode);
        Assert.Contains("C03", _stderr.ToString());
        Assert.False(File.Exists(Path.Combine(outDirectory, "counts.csv")));
    }

    [Fact]
    public void Count_ignores_the_failure_flag_for_other_wells()
    {
        // Arrange
        string image = WriteSite("Plate1", "C04", 1);

        // Act
        int exitCode = Run("count", "--image", image, "--out", _temp.Path, "--fail-if-well", "C03");

        // Assert
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Count_sleeps_before_working_when_asked()
    {
        // Arrange
        string image = WriteSite("Plate1", "A02", 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        int exitCode = Run("count", "--image", image, "--out", _temp.Path, "--sleep-ms", "200");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.True(clock.ElapsedMilliseconds >= 190, $"returned after {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("unknown option '--colour'", "count", "--image", "x.pgm", "--out", "o", "--colour", "red")]
    [InlineData("option '--out' needs a value", "count", "--image", "x.pgm", "--out")]
    [InlineData("option '--image' needs a value", "count", "--image", "--out", "o")]
    [InlineData("missing required option '--image'", "count", "--out", "o")]
    [InlineData("option '--sleep-ms' must be an integer", "count", "--image", "x.pgm", "--out", "o", "--sleep-ms", "soon")]
    [InlineData("image file not found", "count", "--image", "does-not-exist.pgm", "--out", "o")]
    [InlineData("unknown command 'counts'", "counts")]
    [InlineData("no command given")]
    [InlineData("option '--sites' must be an integer of at least 1", "generate", "--out", "o", "--sites", "0")]
    public void Usage_errors_name_the_problem_and_exit_with_code_2(string problem, params string[] args)
    {
        // Act
        int exitCode = Run(args);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains(problem, _stderr.ToString());
        Assert.DoesNotContain("   at ", _stderr.ToString());
    }

    [Fact]
    public void Count_reports_a_corrupt_image_in_one_line_with_exit_code_1()
    {
        // Arrange
        string image = Path.Combine(_temp.Path, "broken.pgm");
        File.WriteAllText(image, "P5\n128 128\n255\nnot enough pixels");

        // Act
        int exitCode = Run("count", "--image", image, "--out", _temp.Path);

        // Assert
        Assert.Equal(1, exitCode);
        string error = _stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', error);
        Assert.Contains("truncated", error);
    }

    [Fact]
    public void Generate_writes_every_well_and_site_of_the_plate()
    {
        // Act
        int exitCode = Run("generate", "--out", _temp.Path, "--plate", "Mini", "--sites", "2", "--rows", "2", "--columns", "3");

        // Assert
        Assert.Equal(0, exitCode);
        string[] files = Directory.GetFiles(Path.Combine(_temp.Path, "Mini")).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(
            ["A01_s1.pgm", "A01_s2.pgm", "A02_s1.pgm", "A02_s2.pgm", "A03_s1.pgm", "A03_s2.pgm",
             "B01_s1.pgm", "B01_s2.pgm", "B02_s1.pgm", "B02_s2.pgm", "B03_s1.pgm", "B03_s2.pgm"],
            files);
        Assert.Contains("12 images", _stdout.ToString());
    }

    [Fact]
    public void Help_prints_usage_and_succeeds()
    {
        // Act
        int exitCode = Run("--help");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("CountObjects count --image PATH --out DIR", _stdout.ToString());
    }

    private int Run(params string[] args) => Program.Run(args, _stdout, _stderr);

    private string WriteSite(string plate, string well, int site)
    {
        string directory = Path.Combine(_temp.Path, plate);
        SyntheticPlate.WriteSite(directory, plate, well, site);
        return Path.Combine(directory, SyntheticPlate.SiteFileName(well, site));
    }
}
