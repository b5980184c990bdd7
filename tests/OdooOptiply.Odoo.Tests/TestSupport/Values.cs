// Deep comparison of value-model trees (records, lists, scalars) for round-trip and cross-protocol tests.
using System.Collections;

namespace OdooOptiply.Odoo.Tests.TestSupport;

internal static class Values
{
    public static void AssertDeepEqual(object? expected, object? actual, string path = "$")
    {
        switch (expected)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                var other = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                var keys = map.Select(kv => kv.Key).ToList();
                Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), other.Keys.OrderBy(k => k, StringComparer.Ordinal));
                foreach (var (k, v) in map) AssertDeepEqual(v, other[k], $"{path}.{k}");
                break;
            case byte[] bytes:
                Assert.Equal(bytes, Assert.IsType<byte[]>(actual));
                break;
            case string s:
                Assert.True(s == actual as string, $"{path}: expected '{s}', got '{actual}'");
                break;
            case IEnumerable list:
                var items = list.Cast<object?>().ToList();
                var actualItems = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                Assert.True(items.Count == actualItems.Count, $"{path}: expected {items.Count} items, got {actualItems.Count}");
                for (var i = 0; i < items.Count; i++) AssertDeepEqual(items[i], actualItems[i], $"{path}[{i}]");
                break;
            case int i:
                Assert.True(Equals((long)i, actual), $"{path}: expected {i}, got {actual} ({actual?.GetType().Name})");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: expected {expected} ({expected?.GetType().Name}), got {actual} ({actual?.GetType().Name})");
                break;
        }
    }
}
