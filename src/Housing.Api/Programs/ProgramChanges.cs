using System.Text.Json.Nodes;
using Housing.Api.Http;

namespace Housing.Api.Programs;

/// <summary>
/// Which fields of a program an update changed, by their API names (<c>name</c>,
/// <c>eligibility.maxChildAge</c>, <c>intakeContact.hours</c>, <c>inventory</c>), never their
/// values: the audit log keeps these, and a confidential program's address must not reach it.
/// Objects are compared field by field; a list (inventory, services, languages) is named as a
/// whole. It compares the definitions as the API writes them, so a field added to the definition
/// later is named without a change here.
/// </summary>
public static class ProgramChanges
{
    public static IReadOnlyList<string> Between(ProgramDefinition before, ProgramDefinition after)
    {
        var changed = new List<string>();
        Compare(Written(before), Written(after), "", changed);
        return changed;
    }

    private static JsonObject Written(ProgramDefinition definition) =>
        System.Text.Json.JsonSerializer.SerializeToNode(definition, HousingJson.Options)!.AsObject();

    private static void Compare(JsonObject before, JsonObject after, string prefix, List<string> changed)
    {
        // In the order the API writes them, then any the newer one added.
        var names = before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = prefix + name;
            var (a, b) = (before[name], after[name]);
            if (a is JsonObject ao && b is JsonObject bo) Compare(ao, bo, path + ".", changed);
            else if (!JsonNode.DeepEquals(a, b)) changed.Add(path);
        }
    }
}
