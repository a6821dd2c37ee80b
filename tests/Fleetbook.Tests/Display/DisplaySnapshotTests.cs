using Fleetbook.Display;

namespace Fleetbook.Tests.Display;

public class DisplaySnapshotTests
{
    public static TheoryData<string> Displays() => [.. DisplayFixtures.All.Keys];

    [Theory]
    [MemberData(nameof(Displays))]
    public void Each_result_shows_the_same_html_as_its_snapshot(string name)
    {
        // Arrange
        var value = DisplayFixtures.All[name];

        // Act
        var html = FleetbookDisplay.ToHtml(value, DisplayFixtures.Options);

        // Assert
        Snapshot.Match(name + ".html", html);
    }

    [Theory]
    [MemberData(nameof(Displays))]
    public void Each_result_shows_the_same_text_as_its_snapshot(string name)
    {
        // Arrange
        var value = DisplayFixtures.All[name];

        // Act
        var text = FleetbookDisplay.ToText(value, DisplayFixtures.Options);

        // Assert
        Snapshot.Match(name + ".txt", text);
    }
}
