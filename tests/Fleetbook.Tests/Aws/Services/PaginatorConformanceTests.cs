using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>Every paged method has a paginator, and every paginator names members its operation's shapes have.</summary>
public class PaginatorConformanceTests
{
    public static TheoryData<string> PagedOperations => [.. TypedOperations.Paged.Select(o => o.ToString())];

    [Fact]
    public void Every_paged_method_follows_a_paginator_definition()
    {
        var without = TypedOperations.Paged.Where(o => !AwsPaginators.All(o.Service).ContainsKey(o.Operation)).Select(o => o.ToString());

        Assert.Empty(without);
    }

    [AwsModelTheory]
    [MemberData(nameof(PagedOperations))]
    public void A_paginator_names_token_limit_and_result_members_of_its_operation(string name)
    {
        var operation = TypedOperations.Paged.Single(o => o.ToString() == name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);
        var input = model.Shape(model.InputShape(operation.Operation)!)["members"]!.AsObject();
        var output = model.Shape(model.OutputShape(operation.Operation)!)["members"]!.AsObject();

        var paginator = AwsPaginators.For(operation.Service, operation.Operation);

        Assert.True(input.ContainsKey(paginator.InputToken), $"{name}: no input member {paginator.InputToken}");
        Assert.True(output.ContainsKey(paginator.OutputToken), $"{name}: no output member {paginator.OutputToken}");
        Assert.True(paginator.LimitKey is null || input.ContainsKey(paginator.LimitKey), $"{name}: no input member {paginator.LimitKey}");
        Assert.All(paginator.ResultKeys, key => Assert.Equal("list", model.Shape(output[key]!["shape"]!.GetValue<string>())["type"]!.GetValue<string>()));
    }

    [AwsModelTheory]
    [MemberData(nameof(PagedOperations))]
    public void A_paged_method_yields_the_item_type_of_its_response_list(string name)
    {
        var paged = TypedOperations.Paged.Single(o => o.ToString() == name);
        var single = TypedOperations.All.Single(o => o.Client == paged.Client && o.Operation == paged.Operation);
        var itemType = paged.Method.ReturnType.GetGenericArguments()[0];
        var info = paged.Json.GetTypeInfo(single.ResponseType);

        var listed = info.Properties.Select(p => p.PropertyType).Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)).Select(t => t.GetGenericArguments()[0]);

        Assert.Contains(itemType, listed);
        Assert.Equal(paged.RequestType, single.RequestType);
    }
}
